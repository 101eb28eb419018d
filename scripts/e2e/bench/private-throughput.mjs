// Sustained private-transfer throughput of a real mining `sero-node --dev`: WALLETS wallets
// each get two notes of 10 SERO (shields built by the wallet with `--no-submit`, signed by
// accounts Alice funded, all submitted at once), then each builds a 2-in/2-out transfer of
// 15 SERO with real proofs (`send --no-submit`, one wallet after another); every transfer
// is submitted at once over CONNECTIONS websockets and the script follows the chain until
// all are in blocks. Prints the sustained rate (transfers over the time from the first
// block holding one to the last), per-block counts, weight used, the time each block took
// to build (from the node's log), and the ceiling the weights allow.
//
// Usage (the operator's build: `scripts/dev.sh --release` builds it, or cargo build --release):
//   SERO_NODE=…/release/sero-node SERO_WALLET=…/release/sero-wallet node scripts/e2e/bench/private-throughput.mjs
//   WALLETS=100 CONNECTIONS=4 …

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { WsProvider } from '@polkadot/api';
import { NODE_BIN, WALLET_BIN, SeroNode, fundAccounts, runWallet, submitAll, waitFor } from '../lib/node.js';
import { ceilingLine, ceilingPerBlock, followBlocks, reportBlocks } from './report.js';

const WALLETS = Number(process.env.WALLETS ?? 100);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 4);
const SERO = 10n ** 18n;

const node = await new SeroNode('bench-private', ['--dev', '--tmp', '--mining-threads', '1', '--pool-limit', '16384']).start();
const { api } = node;
console.log(`node: ${NODE_BIN}\nwallet: ${WALLET_BIN}`);
const root = mkdtempSync(join(tmpdir(), 'sero-private-bench-'));
const url = `ws://127.0.0.1:${node.rpcPort}`;
const wallet = (i, ...args) => runWallet(join(root, `w${i}`), url, args);
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const alice = keyring.addFromUri('//Alice');
const payers = Array.from({ length: WALLETS }, (_, i) => keyring.addFromUri(`//private/${i}`));

// Fund the payers, one transfer each from Alice.
await fundAccounts(node, alice, payers, 25n * SERO);

// Two notes of 10 SERO for each wallet: shields built by the wallet, signed by its payer.
const shields = [];
for (const [i, payer] of payers.entries()) {
  await wallet(i, 'restore', '--seed', (i + 1).toString(16).padStart(64, '0'));
  for (let n = 0; n < 2; n++) {
    const { transaction } = await wallet(i, 'shield', '10', '--from', payer.address, '--no-submit');
    shields.push((await api.tx.shielded.shield(transaction).signAsync(payer, { nonce: n, era: 0 })).toHex());
  }
}
if ((await submitAll(node.provider, shields)).refused.length) throw new Error('a shield was refused');
await waitFor('every shield to be in a block', async () =>
  (await Promise.all(payers.map(async (p) => (await api.query.system.account(p.address)).nonce.toNumber())))
    .every((n) => n === 2),
{ timeoutMs: 900_000, everyMs: 2_000 });

// Each wallet's 2-in/2-out transfer, proofs and all.
await wallet(WALLETS, 'restore', '--seed', 'ff'.repeat(32));
const { pk: sinkPk } = await wallet(WALLETS, 'address');
const transfers = [];
const proving = Date.now();
for (let i = 0; i < WALLETS; i++) {
  const { transaction } = await wallet(i, 'send', sinkPk, '15', '--no-submit');
  const xt = api.tx.shielded.transact(transaction);
  if (xt.args[0].body.inputs.length !== 2 || xt.args[0].body.outputs.length !== 2) throw new Error('not 2-in/2-out');
  transfers.push(xt.toHex());
}
// The weight of one, from the node's payment_queryInfo RPC (polkadot.js'
// `api.call.transactionPaymentApi.queryInfo` takes the extrinsic's type from the metadata,
// an opaque byte vector, and sends an extrinsic object given to it as its JSON text).
const { weight } = await node.rpc('payment_queryInfo', [transfers[0]]);
const perTransfer = BigInt(weight.ref_time ?? weight.refTime);
const ceiling = ceilingPerBlock(api, perTransfer);
console.log(`built ${WALLETS} 2-in/2-out transfers in ${((Date.now() - proving) / 1000).toFixed(0)} s (one wallet after another)`);

const { blocks, stop } = await followBlocks(api);
const startBlock = await node.bestNumber();
const providers = await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
  const provider = new WsProvider(url, 1000, {}, 120_000);
  await provider.isReady;
  return provider;
}));
const refused = (await Promise.all(providers.map((provider, p) =>
  submitAll(provider, transfers.filter((_, i) => i % CONNECTIONS === p)),
))).reduce((sum, { refused: r }) => sum + r.length, 0);
console.log(`submitted ${WALLETS - refused} of ${WALLETS} transfers (${refused} refused)`);
await Promise.all(providers.map((p) => p.disconnect()));

const transfersIn = (block) =>
  block.extrinsics.filter((x) => x.method.section === 'shielded' && x.method.method === 'transact').length;
// Each block is fetched once while waiting, however many times the count is polled.
const counted = new Map();
const included = async () => {
  let count = 0;
  for (const block of blocks.filter((b) => b.number > startBlock)) {
    const hash = block.hash.toHex();
    if (!counted.has(hash)) counted.set(hash, transfersIn((await api.rpc.chain.getBlock(block.hash)).block));
    count += counted.get(hash);
  }
  return count;
};
await waitFor('every transfer to be included', async () => (await included()) >= WALLETS - refused,
  { timeoutMs: 1_800_000, everyMs: 3_000 });
stop();

const total = WALLETS - refused;
await reportBlocks(api, node, blocks, startBlock, transfersIn, total, 'private transfers');
console.log(ceilingLine(ceiling, '2-in/2-out transfers'));
await node.stop();
rmSync(root, { recursive: true, force: true });
process.exit(0);
