import type { ExportedReviewItem } from "#app/export/account-export.ts";
import type { ImportPlan } from "#app/export/account-import.server.ts";
import { db, type Tx } from "#app/utils/db.server.ts";

/**
 * Review items in the account export and import (issue 19): each with the
 * missed answer it reviews and the review drills asked for it, by their ids in
 * the file. On import they follow the interviews they point at: an item whose
 * missed answer was not imported this time is left out, so importing twice
 * creates nothing twice. Its skill-map requirement comes along when the file
 * brings that requirement too (the import maps its id); otherwise the link is
 * dropped and the topic stays.
 */

export async function exportReviewItems(userId: string): Promise<ExportedReviewItem[]> {
  const rows = await db.reviewItem.findMany({
    where: { userId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { drills: { select: { id: true }, orderBy: { createdAt: "asc" } } },
  });
  return rows.map((r) => ({
    id: r.id,
    missedAnswerId: r.missedAnswerId,
    reviewInterviewIds: r.drills.map((d) => d.id),
    topic: r.topic,
    requirementId: r.requirementId,
    status: r.status,
    step: r.step,
    dueAt: r.dueAt?.toISOString() ?? null,
    reviews: r.reviews,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

export async function importReviewItems(
  tx: Tx,
  userId: string,
  items: readonly ExportedReviewItem[] | undefined,
  interviews: ImportPlan["interviews"],
) {
  if (!items?.length) return;
  const newIds = new Map<string, string>();
  const requirementIds = new Map<string, string>();
  for (const { session, ids, requirementIds: requirements } of interviews) {
    newIds.set(session.originalId, session.id);
    for (const [original, id] of ids) newIds.set(original, id);
    for (const [original, id] of requirements) requirementIds.set(original, id);
  }
  for (const item of items) {
    const missedAnswerId = newIds.get(item.missedAnswerId);
    if (!missedAnswerId) continue;
    const created = await tx.reviewItem.create({
      data: {
        userId,
        missedAnswerId,
        topic: item.topic,
        requirementId: item.requirementId ? (requirementIds.get(item.requirementId) ?? null) : null,
        status: item.status,
        step: item.step,
        dueAt: item.dueAt ? new Date(item.dueAt) : null,
        reviews: item.reviews,
        createdAt: new Date(item.createdAt),
        updatedAt: new Date(item.updatedAt),
      },
    });
    const drills = item.reviewInterviewIds.flatMap((id) => newIds.get(id) ?? []);
    if (drills.length) {
      await tx.interviewSession.updateMany({ where: { id: { in: drills }, userId }, data: { reviewItemId: created.id } });
    }
  }
}
