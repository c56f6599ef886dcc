// Unified CRUD conformance tests that the embedded server cannot pass yet, keyed
// `<file description> > <test description>`, each with the reason. The runner runs them with
// `it.fails`, so a case that starts passing turns the suite red and must be removed from here.
export const knownFailures: Record<string, string> = {};
