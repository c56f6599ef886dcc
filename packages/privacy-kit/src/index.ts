export {
  PERSONAL_SPEC_URL,
  PERSONAL_SPEC_NAME,
  PERSONAL_SPEC_IMPORTS,
  PERSONAL_SPEC_ENUMS,
  PERSONAL_SPEC_SDL,
  personalSchemaExtension,
} from './spec.ts';
export * from './taxonomy.ts';
export { parseDuration, addDuration, approximateDays } from './duration.ts';
export type { Duration } from './duration.ts';
export {
  readPersonalDeclarations,
  collectPersonalDeclarations,
  indexDeclarations,
} from './declarations.ts';
export type {
  PersonalFieldDeclaration,
  DataSubjectDeclaration,
  PersonalDeclarations,
  DeclarationSource,
} from './declarations.ts';
export { PersonalDeclarationError } from './declaration-problems.ts';
export type { DeclarationProblem, DeclarationProblemCode } from './declaration-problems.ts';
export { personalDirectiveNames } from './link-names.ts';
export type { PersonalDirectiveNames } from './link-names.ts';
export {
  applyMask,
  maskEmail,
  maskPhone,
  maskAddressToCity,
  maskNameInitial,
  maskLast4,
  REDACTED,
} from './mask.ts';
export {
  decideAccess,
  isExportingService,
  mayReadDataSubject,
  normalizeAdminReason,
  PERSONAL_READ_SCOPE,
  PERSONAL_EXPORT_SCOPE,
  MIN_ADMIN_REASON_LENGTH,
} from './access.ts';
export type { AccessDecision, AccessReason, AccessRequest } from './access.ts';
export { applyPersonalData, subjectIdsFromParent } from './transform.ts';
export type { PrivacyRequestContext, ApplyPersonalDataOptions } from './transform.ts';
export { createAccessLogWriter } from './access-log.ts';
export type {
  AccessRead,
  AccessLogEntry,
  AccessLogSink,
  AccessLogStore,
  AccessLogWriter,
  AccessLogWriterOptions,
  AccessLogStats,
} from './access-log.ts';
export { mongoAccessLogStore, accessLogModel, ACCESS_LOG_COLLECTION } from './access-log-store.ts';
export { buildRecordOfProcessing, renderRecordMarkdown, WHILE_ACTIVE } from './record-of-processing.ts';
export type {
  RecordOfProcessing,
  ProcessingActivity,
  CategoryRecord,
  ProcessorRecord,
  RecordOptions,
} from './record-of-processing.ts';
export { personalFieldsInOperation } from './operation-fields.ts';
export type { OperationFieldsRequest } from './operation-fields.ts';
export { declarePersonalStorage, personalStorageOf, collectionOf, isWaiver, MIN_WAIVER_LENGTH } from './storage.ts';
export type { PersonalStorageDeclaration, StoragePathDeclaration, StorageWaiver } from './storage.ts';
export {
  checkPersonalStorage,
  collectionsByField,
  looksPersonal,
  pathWords,
  storedPaths,
  PERSONAL_PATH_WORDS,
} from './storage-check.ts';
export type { FoundSchema, StorageProblem, StorageProblemCode } from './storage-check.ts';
export { subgraphsByField, recordOfProcessingFromSupergraph } from './supergraph.ts';
export { personalLogKeys } from './log-keys.ts';
export { buildExportPlan } from './export-query.ts';
export type { ExportField, ExportPlan, ExportPlanOptions } from './export-query.ts';
export { walkExport, personalValuesOf, erasableValues, MIN_SCAN_VALUE_LENGTH, SHARED_VOCABULARY_CATEGORIES } from './export-values.ts';
export type { ExportedValue, ExportedObject } from './export-values.ts';
export { buildExportArchive, exportCsvFiles, exportSummaryHtml, csvCell, readArchiveJson, readArchiveFiles, ARCHIVE_FORMAT } from './export-archive.ts';
export type { ExportArchiveInput, ArchiveProcessor } from './export-archive.ts';
export { eraseSubject, subjectIdValues, ERASED_PATHS_FIELD, HELD_UNTIL_FIELD } from './erase.ts';
export type { EraseSubjectOptions, ErasureCount, ErasureResult } from './erase.ts';
export { ERASED_TEXT } from './erase-document.ts';
export { planCollection, planCollections } from './erasure-plan.ts';
export type { CollectionPlan, PersonalLeaf, SubjectPlan } from './erasure-plan.ts';
export { scanForValues, SUBSTRING_MIN_LENGTH } from './scan.ts';
export type { ScanForValuesOptions, ScanHit } from './scan.ts';
export { runRetention, retentionJob, subtractDuration } from './retention.ts';
export type { RunRetentionOptions, RetentionCounts } from './retention.ts';
export { checkEraseInput, checkScanInput, MAX_SCAN_VALUES, MAX_SCAN_VALUE_LENGTH } from './erase-input.ts';
export type { PrivacyInputProblem } from './erase-input.ts';
