// Times shielded transaction validation inside the runtime of a real dev node: the
// runtime API the transaction pool calls (`TaggedTransactionQueue_validate_transaction`)
// runs every consensus check of the pallet in wasm, with the cryptography in host
// functions. Prints medians over RUNS calls, minus the median of a trivial runtime call
// (`Core_version`) made the same way, which is the RPC and instantiation overhead.
// A mining node makes the notes, a ticket and a package; the timing runs on a non-mining
// follower after the miner has stopped, so no other work shares the machine's cores.
//
// The follower runs with `--no-verification-memo`, so every call verifies in full (what a
// block's weight charges); a second follower, with the node's memo on, then times the
// 2-in/2-out transfer answered from the memo (what a block costs a node whose pool
// verified the transaction).
//
// Measured: a 2-in/2-out SERO transfer (and the same rejected by its proofs, or before
// them), a ticket's private transfer, and a package's creation (with 1 KiB of data),
// transfer and opening. Every transaction is built with the wallet's `--no-submit`
// against one state, so each is valid on its own.
//
// Usage (after `cargo build --workspace` and `scripts/setup.sh`):
//   node scripts/e2e/bench/shielded-runtime.mjs

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Keyring } from '@polkadot/keyring';
import { u8aConcat, u8aToHex, hexToU8a } from '@polkadot/util';
import { SeroNode, follow, followThenStop, runWallet, submitAndWait } from '../lib/node.js';

const RUNS = Number(process.env.RUNS ?? 40);
const SEED_A = '33'.repeat(32);
const SEED_B = '44'.repeat(32);

const miner = await new SeroNode('bench-miner', ['--dev', '--tmp', '--mining-threads', '1']).start();
const api = miner.api;
const root = mkdtempSync(join(tmpdir(), 'sero-bench-wallets-'));
const url = `ws://127.0.0.1:${miner.rpcPort}`;
const wallet = (name, ...args) => runWallet(join(root, name), url, args);

// Three notes of 10 SERO for A, shielded from Charlie by the wallet; a ticket allotted to
// A by Alice; a package of 5 SERO A creates (from one of the notes) and owns.
await wallet('a', 'restore', '--seed', SEED_A);
await wallet('b', 'restore', '--seed', SEED_B);
for (let i = 0; i < 3; i++) await wallet('a', 'shield', '10', '--from', '//Charlie');
const { pk } = await wallet('b', 'address');
const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
await submitAndWait(api, api.tx.tickets.registerCategory('BENCH'), alice);
const ticket = `0x${'07'.padStart(64, '0')}`;
await submitAndWait(api, api.tx.tickets.allot('BENCH', ticket, (await wallet('a', 'new-pkr')).hex, ''), alice);
const pkg = await wallet('a', 'package', 'create', '--amount', '5', '--data', 'bench');

const built = async (...args) => {
  const hex = (await wallet('a', ...args, '--no-submit')).transaction;
  return { bytes: hexToU8a(hex).length, tx: api.tx.shielded.transact(hex).args[0].toJSON() };
};
// 12 SERO needs two of A's notes: 2 inputs, 2 outputs (payment and change).
const transfer = await built('send', pk, '12');
const shape = (t) => `${t.tx.body.inputs.length}-in/${t.tx.body.outputs.length}-out`;
if (shape(transfer) !== '2-in/2-out') throw new Error(`the transfer is ${shape(transfer)}`);
const kinds = [
  ['2-in/2-out transfer', transfer],
  ['ticket transfer', await built('send', pk, '--ticket', 'BENCH:7')],
  ['package create (1 KiB of data)', await built('package', 'create', '--amount', '1', '--data', 'x'.repeat(1024))],
  ['package transfer', await built('package', 'transfer', pkg.id, pk)],
  ['package open', await built('package', 'open', pkg.id, '--key', pkg.key)],
];

// Both followers sync from the miner before it stops (a node started later, with the other
// follower as its only peer, stayed at block 0).
const withMemo = await follow(miner, 'bench-follower-memo');
const { follower: node, tip } = await followThenStop(miner, 'bench-follower', ['--no-verification-memo']);
await withMemo.waitForBlock(tip);
const best = await node.api.rpc.chain.getBlockHash(tip);
const validate = (t) => u8aToHex(u8aConcat([2], api.tx.shielded.transact(t).toU8a(), best.toU8a()));
const tx = transfer.tx;
// The transfer with input 0 carrying input 1's proof: rejected by the proofs (the batch of
// all four fails, then the input proofs alone).
const badProof = structuredClone(tx);
badProof.body.inputs[0].proof = badProof.body.inputs[1].proof;
const rejectedByProofs = validate(badProof);
// With an output PKr that is no point: rejected after decoding the points, before any proof.
const noProof = structuredClone(tx);
noProof.body.outputs[0].pkr = '0x' + 'ff'.repeat(96);
const rejectedBeforeProofs = validate(noProof);

/**
 * Calls each `[method, args]` of `calls` RUNS times, round-robin (so a busy moment of the
 * machine falls on every kind alike), and resolves with the median time and the last
 * result of each.
 */
async function medians(calls, on = node) {
  const times = calls.map(() => []);
  const results = [];
  for (let i = 0; i < RUNS; i++) {
    for (const [k, [method, args]] of calls.entries()) {
      const start = performance.now();
      // The raw provider: polkadot.js memoises identical `api.rpc` calls.
      results[k] = await on.rpc('state_call', [method, args, best.toHex()]);
      times[k].push(performance.now() - start);
    }
  }
  return times.map((t, k) => {
    t.sort((a, b) => a - b);
    return { ms: t[Math.floor(t.length / 2)], result: results[k] };
  });
}

const VALIDATE = 'TaggedTransactionQueue_validate_transaction';
const [baseline, proofs, none, ...measured] = await medians([
  ['Core_version', '0x'],
  [VALIDATE, rejectedByProofs],
  [VALIDATE, rejectedBeforeProofs],
  ...kinds.map(([, { tx: t }]) => [VALIDATE, validate(t)]),
]);
const verdict = (r) => api.createType('TransactionValidity', r).isOk ? 'valid' : 'invalid';
console.log(`baseline (Core_version): ${baseline.ms.toFixed(2)} ms`);
for (const [k, [label, { bytes, tx: t }]] of kinds.entries()) {
  const { ms, result } = measured[k];
  const v = verdict(result);
  console.log(`${label} (${shape({ tx: t })}, ${bytes} bytes): ${ms.toFixed(2)} ms (${v}), net ${(ms - baseline.ms).toFixed(2)} ms`);
  if (v !== 'valid') throw new Error(`${label} was refused: ${JSON.stringify(api.createType('TransactionValidity', result).toHuman())}`);
}
console.log(`transfer rejected by the proofs: ${proofs.ms.toFixed(2)} ms (${verdict(proofs.result)})`);
console.log(`transfer rejected before proofs: ${none.ms.toFixed(2)} ms (${verdict(none.result)})`);

const [memoBaseline, memoTransfer] = await medians([
  ['Core_version', '0x'],
  [VALIDATE, validate(tx)],
], withMemo);
console.log(`2-in/2-out transfer, answered from the node's memo: ${memoTransfer.ms.toFixed(2)} ms (${verdict(memoTransfer.result)}), net ${(memoTransfer.ms - memoBaseline.ms).toFixed(2)} ms`);
await withMemo.stop();
await node.stop();
rmSync(root, { recursive: true, force: true });
process.exit(0);
