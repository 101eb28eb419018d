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

import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { Keyring } from '@polkadot/keyring';
import { u8aConcat, u8aToHex, hexToU8a } from '@polkadot/util';
import { SeroNode, WALLET_BIN } from '../lib/node.js';

const RUNS = Number(process.env.RUNS ?? 40);
const SERO = 10n ** 18n;
const SEED_A = '33'.repeat(32);
const SEED_B = '44'.repeat(32);

const miner = await new SeroNode('bench-miner', ['--dev', '--tmp', '--mining-threads', '1']).start();
const api = miner.api;
const charlie = new Keyring({ type: 'sr25519' }).addFromUri('//Charlie');
const rpcUrl = `http://127.0.0.1:${miner.rpcPort}`;
const wallet = (...args) => execFileSync(WALLET_BIN, args, { maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();

function inBlock(tx, signer) {
  return new Promise((resolve, reject) => {
    const handle = ({ status, dispatchError }) => {
      if (dispatchError) reject(new Error(dispatchError.toString()));
      else if (status.isInBlock) resolve(status.asInBlock);
    };
    (signer ? tx.signAndSend(signer, handle) : tx.send(handle)).catch(reject);
  });
}

// Two notes of 10 SERO for A.
for (let i = 0; i < 2; i++) {
  const shield = wallet('shield', '--seed', SEED_A, '--from', charlie.address, '--value', String(10n * SERO));
  await inBlock(api.tx.shielded.shield(shield), charlie);
}
const pk = JSON.parse(wallet('keys', '--seed', SEED_B)).pk;
// 15 SERO needs both notes: 2 inputs, 2 outputs (payment and change).
const txHex = wallet('send', '--seed', SEED_A, '--rpc', rpcUrl, '--to', pk, '--value', String(15n * SERO));
const tx = api.tx.shielded.transact(txHex).args[0].toJSON();
console.log(`2-in/2-out transaction: ${hexToU8a(txHex).length} bytes`);

// A follower imports the chain; then the miner stops.
await miner.waitForBlock((await miner.bestNumber()) + 1);
const peerId = (await api.rpc.system.localPeerId()).toString();
const node = await new SeroNode('bench-follower', [
  '--dev', '--tmp', '--mining-threads', '0',
  '--bootnodes', `/ip4/127.0.0.1/tcp/${miner.p2pPort}/p2p/${peerId}`,
]).start();
const tip = await miner.api.rpc.chain.getHeader();
await node.waitForBlock(tip.number.toNumber());
await miner.stop();
const best = await node.api.rpc.chain.getBlockHash(tip.number.toNumber());
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
process.exit(0);
