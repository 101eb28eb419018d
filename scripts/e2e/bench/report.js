// What the throughput benchmarks share: the block weight's ceiling for a transaction, and
// the report of the blocks that held the benchmark's transactions.

/**
 * How many transactions of `perTransaction` ps fit in a block: what normal transactions
 * may use of it, less its base weight, each also costing its class's base extrinsic weight.
 */
export function ceilingPerBlock(api, perTransaction) {
  const weights = api.consts.system.blockWeights;
  const normalMax = weights.perClass.normal.maxTotal.unwrapOr(weights.maxBlock).refTime.toBigInt()
    - weights.baseBlock.refTime.toBigInt();
  const perInBlock = perTransaction + weights.perClass.normal.baseExtrinsic.refTime.toBigInt();
  return { perBlock: Number(normalMax / perInBlock), perInBlock, normalMax };
}

/** The line both benchmarks end with: the ceiling `ceilingPerBlock` gave, for `what`. */
export function ceilingLine(ceiling, what) {
  return `ceiling from weights: ${ceiling.perBlock} ${what} per block (${ceiling.perInBlock} ps each with the base extrinsic weight, within ${ceiling.normalMax} ps for normal transactions), ${(ceiling.perBlock / 6).toFixed(1)}/s at 6 s blocks`;
}

/** Records every new best block from now on; `stop()` ends it. */
export async function followBlocks(api) {
  const blocks = [];
  const stop = await api.rpc.chain.subscribeNewHeads((head) => {
    blocks.push({ number: head.number.toNumber(), hash: head.hash });
  });
  return { blocks, stop };
}

/**
 * Prints a line per block after `startBlock` holding any of the benchmark's `total`
 * transactions (`countIn(block)` counts them): how many, the share of the block weight,
 * the build time from the node's log; then the sustained rate over the block time from
 * the first such block's parent to the last, and the rate at the 6 s target.
 */
export async function reportBlocks(api, node, blocks, startBlock, countIn, total, what) {
  const maxBlock = api.consts.system.blockWeights.maxBlock.refTime.toBigInt();
  const built = new Map();
  for (const match of node.log().matchAll(/Prepared block for proposing at (\d+) \((\d+) ms\)/g)) {
    built.set(Number(match[1]), Number(match[2]));
  }
  let first;
  let last;
  const rows = [];
  for (const block of blocks.filter((b) => b.number > startBlock)) {
    const signed = await api.rpc.chain.getBlock(block.hash);
    const count = countIn(signed.block);
    if (count === 0) continue;
    const at = await api.at(block.hash);
    const weight = (await at.query.system.blockWeight()).normal.refTime.toBigInt();
    const moment = (await at.query.timestamp.now()).toNumber();
    first ??= { ...block, moment };
    last = { ...block, moment, count };
    rows.push(`#${block.number}: ${count} ${what}, ${(Number(weight * 1000n / maxBlock) / 10).toFixed(1)} % of the block weight, built in ${built.get(block.number) ?? '?'} ms`);
  }
  const parent = (await api.rpc.chain.getHeader(first.hash)).parentHash;
  const parentMoment = (await (await api.at(parent)).query.timestamp.now()).toNumber();
  const seconds = (last.moment - parentMoment) / 1000;
  console.log(rows.join('\n'));
  console.log(`${total} ${what} in ${rows.length} blocks over ${seconds.toFixed(1)} s of block time: ${(total / seconds).toFixed(1)}/s sustained`);
  // A PoW chain's block times are random (exponential around the target): over a few
  // blocks the sustained rate swings with them, so also the rate at the target block time.
  const full = rows.length > 1 ? (total - last.count) / (rows.length - 1) : total;
  console.log(`${full.toFixed(0)} ${what} per block before the last: ${(full / 6).toFixed(1)}/s at the dev chain's 6 s target; mean block time ${(seconds / rows.length).toFixed(1)} s`);
}
