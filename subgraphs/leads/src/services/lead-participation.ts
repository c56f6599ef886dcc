import type { Loaders } from '../loaders.ts';
import { requireId } from './find-lead.ts';

/** Contract C3, for the reviews subgraph: who took part in a lead and where it stands; null when unknown. */
export async function leadParticipation(loaders: Loaders, leadIdArg: string) {
  const lead = await loaders.leadById.load(requireId(leadIdArg, 'lead'));
  if (lead === null) return null;
  return {
    leadId: lead._id.toHexString(),
    status: lead.status,
    clientId: lead.clientId.toHexString(),
    hiredProId: lead.hiredProId?.toHexString() ?? null,
    completedAt: lead.completedAt ?? null,
  };
}
