// Sustained transparent-transfer throughput of a real mining `sero-node --dev`: SENDERS
// accounts funded by Alice each pre-sign PER_SENDER transfers (immortal, explicit nonces),
// submitted at once over CONNECTIONS websockets; the script follows the chain until every
// transfer is in a block and prints the sustained rate (transfers over the time from the
// first block holding one to the last), per-block counts, weight used and the time each
// block took to build (from the node's log), and the ceiling the weights allow.
//
// Usage (the operator's build: `scripts/dev.sh --release` builds it, or cargo build --release):
//   SERO_NODE=~/.cache/sero-target/release/sero-node node scripts/e2e/bench/throughput.mjs
//   SENDERS=300 PER_SENDER=20 CONNECTIONS=4 WARMUP=20 …  (WARMUP: the block the load waits for)
//   NODE_ARGS='--wasmtime-instantiation-strategy pooling' …  (more flags for the node)

import { Keyring } from '@polkadot/keyring';
import { WsProvider } from '@polkadot/api';
import { NODE_BIN, SeroNode, fundAccounts, preSign, submitAll, waitFor } from '../lib/node.js';
import { ceilingLine, ceilingPerBlock, followBlocks, reportBlocks } from './report.js';

const SENDERS = Number(process.env.SENDERS ?? 300);
const PER_SENDER = Number(process.env.PER_SENDER ?? 20);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 4);
const WARMUP = Number(process.env.WARMUP ?? 20);
const SERO = 10n ** 18n;

// The pool holds every transfer at once (and the funding).
const poolLimit = String(Math.max(16384, 2 * SENDERS * PER_SENDER));
const nodeArgs = (process.env.NODE_ARGS ?? '').split(' ').filter(Boolean);
const node = await new SeroNode('bench-throughput', ['--dev', '--tmp', '--mining-threads', '1', '--pool-limit', poolLimit, ...nodeArgs]).start();
const { api } = node;
console.log(`node: ${NODE_BIN} ${nodeArgs.join(' ')}`);
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const alice = keyring.addFromUri('//Alice');
const senders = Array.from({ length: SENDERS }, (_, i) => keyring.addFromUri(`//throughput/${i}`));
const sink = keyring.addFromUri('//Ferdie').address;

// Fund the senders.
await fundAccounts(node, alice, senders, 10n * SERO);

// A new chain starts at the genesis difficulty, set for the reference machine's hashrate
// (`LIGHT_HASHES_PER_SECOND`); on a slower machine the first blocks come slower than 6 s
// until the difficulty has followed its hashrate down. The load starts once it has.
await node.waitForBlock(WARMUP, 1_200_000);

// Pre-sign every transfer, then submit them all at once.
const chains = await preSign(api, senders, PER_SENDER, sink);
const total = SENDERS * PER_SENDER;
const info = await api.tx.balances.transferKeepAlive(sink, 1000n).paymentInfo(alice);
const perTransfer = info.weight.refTime.toBigInt();
const ceiling = ceilingPerBlock(api, perTransfer);

const { blocks, stop } = await followBlocks(api);
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
stop();

const transfersIn = (block) => block.extrinsics.filter((x) => x.method.section === 'balances').length;
await reportBlocks(api, node, blocks, startBlock, transfersIn, total, 'transfers');
console.log(ceilingLine(ceiling, 'transfers'));
await node.stop();
process.exit(0);
