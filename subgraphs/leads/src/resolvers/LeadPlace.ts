/** `LeadPlace`, `LeadDetail`, `LeadContact`: plain parts of a lead; ids as hex strings. */
const clientId = (part: { clientId: { toHexString(): string } }) => part.clientId.toHexString();

export const LeadPlace = { clientId };
export const LeadDetail = { clientId };
export const LeadContact = { clientId };
