import { compareKeys, type QueryPlan } from "@skyport/core";

/**
 * Whether a sort value lies past the end of the plan's condition in the direction it reads: every
 * later item does too, so the read can stop there (a key condition cannot always say where it ends).
 */
export function pastConditionEnd(plan: QueryPlan, sort: string | undefined): boolean {
  const condition = plan.condition;
  if (condition === undefined || sort === undefined) return false;
  if (plan.descending) {
    if ("beginsWith" in condition) return compareKeys(sort, condition.beginsWith) < 0;
    if ("between" in condition) return compareKeys(sort, condition.between[0]) < 0;
    if ("gt" in condition) return compareKeys(sort, condition.gt) <= 0;
    if ("gte" in condition) return compareKeys(sort, condition.gte) < 0;
    return false;
  }
  if ("beginsWith" in condition) return compareKeys(sort, condition.beginsWith) > 0 && !sort.startsWith(condition.beginsWith);
  if ("between" in condition) return compareKeys(sort, condition.between[1]) > 0;
  if ("lt" in condition) return compareKeys(sort, condition.lt) >= 0;
  if ("lte" in condition) return compareKeys(sort, condition.lte) > 0;
  return false;
}
