// Sustained transparent-transfer throughput of a real mining `sero-node --dev`: SENDERS
// accounts funded by Alice each pre-sign PER_SENDER transfers (immortal, explicit nonces),
// submitted at once over CONNECTIONS websockets; the script follows the chain until every
// transfer is in a block and prints the sustained rate (transfers over the time from the
// first block holding one to the last), per-block counts, weight used and the time each
// block took to build (from the node's log), and the ceiling the weights allow.
//
// Usage (the operator's build: `scripts/dev.sh --release` builds it, or cargo build --release):
//   SERO_NODE=~/.cache/sero-target/release/sero-node node scripts/e2e/bench/throughput.mjs
//   SENDERS=300 PER_SENDER=20 CONNECTIONS=4 …

import { Keyring } from '@polkadot/keyring';
import { WsProvider } from '@polkadot/api';
import { NODE_BIN, SeroNode, preSign, submitAll, waitFor } from '../lib/node.js';

const SENDERS = Number(process.env.SENDERS ?? 300);
const PER_SENDER = Number(process.env.PER_SENDER ?? 20);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 4);
const SERO = 10n ** 18n;

const node = await new SeroNode('bench-throughput', ['--dev', '--tmp', '--mining-threads', '1', '--pool-limit', '16384']).start();
const { api } = node;
console.log(`node: ${NODE_BIN}`);
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const alice = keyring.addFromUri('//Alice');
const senders = Array.from({ length: SENDERS }, (_, i) => keyring.addFromUri(`//throughput/${i}`));
const sink = keyring.addFromUri('//Ferdie').address;

// Fund the senders.
const aliceNonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
const funding = [];
for (const [i, sender] of senders.entries()) {
  const tx = api.tx.balances.transferKeepAlive(sender.address, 10n * SERO);
  funding.push((await tx.signAsync(alice, { nonce: aliceNonce + i, era: 0 })).toHex());
}
if ((await submitAll(node.provider, funding)).refused.length) throw new Error('funding refused');
await waitFor('the senders to be funded', async () =>
  (await api.query.system.account(senders[SENDERS - 1].address)).data.free.toBigInt() > 0n,
{ timeoutMs: 600_000 });

// Pre-sign every transfer, then submit them all at once.
const chains = await preSign(api, senders, PER_SENDER, sink);
const total = SENDERS * PER_SENDER;
const info = await api.tx.balances.transferKeepAlive(sink, 1000n).paymentInfo(alice);
const perTransfer = info.weight.refTime.toBigInt();
const weights = api.consts.system.blockWeights;
const maxBlock = weights.maxBlock.refTime.toBigInt();
// What normal transactions may use of a block, less its base weight.
const normalMax = weights.perClass.normal.maxTotal.unwrapOr(weights.maxBlock).refTime.toBigInt()
  - weights.baseBlock.refTime.toBigInt();
// Each transaction also costs the block its class's base extrinsic weight.
const perInBlock = perTransfer + weights.perClass.normal.baseExtrinsic.refTime.toBigInt();
const ceilingPerBlock = Number(normalMax / perInBlock);

const blocks = [];
const unsubscribe = await api.rpc.chain.subscribeNewHeads(async (head) => {
  blocks.push({ number: head.number.toNumber(), hash: head.hash, seenAt: Date.now() });
});
const startBlock = await node.bestNumber();
const providers = await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
  const provider = new WsProvider(`ws://127.0.0.1:${node.rpcPort}`, 1000, {}, 120_000);
  await provider.isReady;
  return provider;
}));
const submittedAt = Date.now();
const refused = (await Promise.all(providers.map((provider, p) => {
  const ordered = [];
  const mine = chains.filter((_, s) => s % CONNECTIONS === p);
  for (let i = 0; i < PER_SENDER; i++) for (const chain of mine) ordered.push(chain[i]);
  return submitAll(provider, ordered);
}))).reduce((sum, { refused: r }) => sum + r.length, 0);
const submitSeconds = (Date.now() - submittedAt) / 1000;
console.log(`submitted ${total - refused} of ${total} transfers in ${submitSeconds.toFixed(1)} s (${refused} refused)`);
await Promise.all(providers.map((p) => p.disconnect()));

await waitFor('every transfer to be included', async () => {
  const nonces = await Promise.all(senders.map(async (s) => (await api.query.system.account(s.address)).nonce.toNumber()));
  return nonces.every((n) => n === PER_SENDER);
}, { timeoutMs: 1_800_000, everyMs: 2_000 });
unsubscribe();

// Per block: transfers, weight used, time to build (from the log).
const built = new Map();
for (const match of node.log().matchAll(/Prepared block for proposing at (\d+) \((\d+) ms\)/g)) {
  built.set(Number(match[1]), Number(match[2]));
}
let first;
let last;
const rows = [];
for (const block of blocks.filter((b) => b.number > startBlock)) {
  const signed = await api.rpc.chain.getBlock(block.hash);
  const transfers = signed.block.extrinsics.filter((x) => x.method.section === 'balances').length;
  if (transfers === 0) continue;
  const at = await api.at(block.hash);
  const weight = (await at.query.system.blockWeight()).normal.refTime.toBigInt();
  const moment = (await at.query.timestamp.now()).toNumber();
  first ??= { ...block, moment };
  last = { ...block, moment, transfers };
  rows.push(`#${block.number}: ${transfers} transfers, ${(Number(weight * 1000n / maxBlock) / 10).toFixed(1)} % of the block weight, built in ${built.get(block.number) ?? '?'} ms`);
}
const parentMoment = (await (await api.at((await api.rpc.chain.getHeader(first.hash)).parentHash)).query.timestamp.now()).toNumber();
const seconds = (last.moment - parentMoment) / 1000;
console.log(rows.join('\n'));
console.log(`${total} transfers in ${rows.length} blocks over ${seconds.toFixed(1)} s of block time: ${(total / seconds).toFixed(1)} transfers/s sustained`);
console.log(`ceiling from weights: ${ceilingPerBlock} transfers per block (${perInBlock} ps each with the base extrinsic weight, within ${normalMax} ps for normal transactions), ${(ceilingPerBlock / 6).toFixed(0)}/s at 6 s blocks`);
await node.stop();
process.exit(0);
