// Times shielded transaction validation inside the runtime of a real dev node: the
// runtime API the transaction pool calls (`TaggedTransactionQueue_validate_transaction`)
// runs every consensus check of the pallet in wasm, with the cryptography in host
// functions. Prints medians over RUNS calls, minus the median of a trivial runtime call
// (`Core_version`) made the same way, which is the RPC and instantiation overhead.
// A mining node makes the notes; the timing runs on a non-mining follower after the
// miner has stopped, so no other work shares the machine's cores.
//
// Usage (after `cargo build --workspace` and `scripts/setup.sh`):
//   node scripts/e2e/bench/shielded-runtime.mjs

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { u8aConcat, u8aToHex, hexToU8a } from '@polkadot/util';
import { SeroNode, followThenStop, runWallet } from '../lib/node.js';

const RUNS = Number(process.env.RUNS ?? 40);
const SEED_A = '33'.repeat(32);
const SEED_B = '44'.repeat(32);

const miner = await new SeroNode('bench-miner', ['--dev', '--tmp', '--mining-threads', '1']).start();
const api = miner.api;
const root = mkdtempSync(join(tmpdir(), 'sero-bench-wallets-'));
const url = `ws://127.0.0.1:${miner.rpcPort}`;
const wallet = (name, ...args) => runWallet(join(root, name), url, args);

// Two notes of 10 SERO for A, shielded from Charlie by the wallet.
await wallet('a', 'restore', '--seed', SEED_A);
await wallet('b', 'restore', '--seed', SEED_B);
for (let i = 0; i < 2; i++) await wallet('a', 'shield', '10', '--from', '//Charlie');
const { pk } = await wallet('b', 'address');
// 15 SERO needs both notes: 2 inputs, 2 outputs (payment and change).
const txHex = (await wallet('a', 'send', pk, '15', '--no-submit')).transaction;
const tx = api.tx.shielded.transact(txHex).args[0].toJSON();
console.log(`2-in/2-out transaction: ${hexToU8a(txHex).length} bytes`);

const { follower: node, tip } = await followThenStop(miner, 'bench-follower');
const best = await node.api.rpc.chain.getBlockHash(tip);
const validate = (t) => u8aToHex(u8aConcat([2], api.tx.shielded.transact(t).toU8a(), best.toU8a()));
const valid = validate(tx);
// The same transaction with input 0 carrying input 1's proof: rejected by the proofs (the
// batch of all four fails, then the input proofs alone).
const badProof = structuredClone(tx);
badProof.body.inputs[0].proof = badProof.body.inputs[1].proof;
const rejectedByProofs = validate(badProof);
// With an output PKr that is no point: rejected after decoding the points, before any proof.
const noProof = structuredClone(tx);
noProof.body.outputs[0].pkr = '0x' + 'ff'.repeat(96);
const rejectedBeforeProofs = validate(noProof);

async function median(method, args) {
  const times = [];
  let result;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    // The raw provider: polkadot.js memoises identical `api.rpc` calls.
    result = await node.rpc('state_call', [method, args, best.toHex()]);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], result };
}

const baseline = await median('Core_version', '0x');
const full = await median('TaggedTransactionQueue_validate_transaction', valid);
const proofs = await median('TaggedTransactionQueue_validate_transaction', rejectedByProofs);
const none = await median('TaggedTransactionQueue_validate_transaction', rejectedBeforeProofs);
const verdict = (r) => api.createType('TransactionValidity', r).isOk ? 'valid' : 'invalid';
console.log(`baseline (Core_version): ${baseline.ms.toFixed(2)} ms`);
console.log(`2-in/2-out validate: ${full.ms.toFixed(2)} ms (${verdict(full.result)}), net ${(full.ms - baseline.ms).toFixed(2)} ms`);
console.log(`rejected by the proofs: ${proofs.ms.toFixed(2)} ms (${verdict(proofs.result)})`);
console.log(`rejected before proofs: ${none.ms.toFixed(2)} ms (${verdict(none.result)})`);
await node.stop();
rmSync(root, { recursive: true, force: true });
process.exit(0);
