/**
 * Splits `items`, kept in order, into as few groups as fit under `max` (a group weighs the sum of
 * its items), with sizes as even as the items allow, so the last group is not a small remainder.
 *
 * An item that alone weighs over `max` ends up in a group of its own: callers split such items
 * before grouping.
 */
export function balancedGroups<T>(items: readonly T[], weightOf: (item: T) => number, max: number): T[][] {
  if (items.length === 0) return [];
  const weights = items.map(weightOf);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  // Fewer groups than total / max cannot fit; uneven items may need more. At one group per item
  // every group fits, so the loop ends.
  for (let count = Math.max(1, Math.ceil(total / max)); ; count++) {
    const groups = fillTowardsEvenSizes(items, weights, max, count);
    if (groups.length <= count) return groups;
  }
}

/** One pass that aims every group at an equal share of the weight still to place, never going over `max`. */
function fillTowardsEvenSizes<T>(items: readonly T[], weights: readonly number[], max: number, count: number): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let currentWeight = 0;
  let weightLeft = weights.reduce((sum, weight) => sum + weight, 0);
  let target = weightLeft / count;
  items.forEach((item, index) => {
    const weight = weights[index]!;
    if (current.length > 0 && shouldClose(currentWeight, currentWeight + weight, target, max)) {
      groups.push(current);
      weightLeft -= currentWeight;
      // Re-aiming at what is left keeps early rounding from piling up in the last group.
      target = weightLeft / Math.max(1, count - groups.length);
      current = [];
      currentWeight = 0;
    }
    current.push(item);
    currentWeight += weight;
  });
  groups.push(current);
  return groups;
}

/** Close the group when the next item would not fit, or when leaving it out lands nearer the target. */
const shouldClose = (weight: number, weightWithNext: number, target: number, max: number) =>
  weightWithNext > max || (weightWithNext > target && weightWithNext - target > target - weight);
