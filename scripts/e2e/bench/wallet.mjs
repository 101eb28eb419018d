// Times sero-wallet against a real dev node:
//
// 1. a 2-in/2-out private transfer: proofs built, extrinsic submitted, block inclusion;
// 2. sync speed: a fresh wallet syncs LEAVES outputs of other people through the node's RPC
//    (state_call into ShieldedApi_leaves) while it tests them (trial detection on all cores).
//
// Proving LEAVES real outputs would take hours, so the benchmark writes them with
// `sudo(system.setStorage)`: real one-time addresses of another wallet (every trial costs
// what a real one costs: the addresses decode and the full test runs), random ciphertexts.
// That chain is not consistent afterwards (its tree and roots do not match the leaves):
// only for benchmarks. The sync runs against a non-mining follower after the miner has stopped, so
// no mining shares the cores.
//
// Usage (after `cargo build --workspace` and `scripts/setup.sh`):
//   node scripts/e2e/bench/wallet.mjs          # LEAVES=50000 by default

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Keyring } from '@polkadot/keyring';
import { u8aConcat, u8aToHex, bnToU8a, hexToU8a, compactToU8a, compactFromU8a } from '@polkadot/util';
import { SeroNode, followThenStop, runWallet } from '../lib/node.js';

const LEAVES = Number(process.env.LEAVES ?? 50_000);
const PAGES_PER_EXTRINSIC = 32;
const root = mkdtempSync(join(tmpdir(), 'sero-wallet-bench-'));

const miner = await new SeroNode('bench-wallet', ['--dev', '--tmp', '--mining-threads', '1']).start();
const api = miner.api;
const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');

const wallet = (name, endpoint, ...args) => runWallet(join(root, name), endpoint, args);
const minerUrl = `ws://127.0.0.1:${miner.rpcPort}`;

// 1. Two notes of 10 SERO for A; 15 SERO to B needs both: 2 inputs, 2 outputs.
await wallet('a', minerUrl, 'restore', '--seed', '55'.repeat(32));
await wallet('b', minerUrl, 'restore', '--seed', '66'.repeat(32));
for (let i = 0; i < 2; i++) await wallet('a', minerUrl, 'shield', '10', '--from', '//Charlie');
const pkB = (await wallet('b', minerUrl, 'address')).pk;
const sent = await wallet('a', minerUrl, 'send', pkB, '15');
console.log(
  `2-in/2-out transfer (${sent.inputs} inputs): proofs built in ${sent.seconds.prove.toFixed(2)} s, ` +
    `submitted in ${(sent.seconds.submit * 1000).toFixed(0)} ms, included after ${sent.seconds.inclusion.toFixed(1)} s`,
);

// 2. LEAVES leaves paying other people, appended after the real ones.
await wallet('other', minerUrl, 'restore', '--seed', '77'.repeat(32));
const pkrs = [];
for (let i = 0; i < 64; i++) pkrs.push((await wallet('other', minerUrl, 'new-pkr')).pkr);
const pkrBytes = pkrs.map(bs58payload);
const start = (await api.rpc.shielded.treeState()).leafCount.toNumber();
const leafRecord = (position) =>
  u8aConcat(bnToU8a(position, { bitLength: 64 }), pkrBytes[position % pkrBytes.length], randomBytes(32), randomBytes(32), randomBytes(160));
// The frontier: the tree size (u64) and one arbitrary node per bit of it (the pallet
// refuses a frontier of any other shape; the roots computed from it are meaningless).
const levels = (start + LEAVES).toString(2).length;
const grown = u8aConcat(bnToU8a(start + LEAVES, { bitLength: 64 }), compactToU8a(levels), new Uint8Array(levels * 32));
const frontierKey = api.query.shielded.frontier.key();
// Leaf records are stored 64 to a page (pallet-shielded's LEAF_PAGE), as a SCALE vector:
// the page holding `start` keeps the records it has.
const PAGE = 64;
const pageKey = (page) => api.query.shielded.leafPages.key(page);
const firstPage = Math.floor(start / PAGE);
const held = await miner.rpc('state_getStorage', [pageKey(firstPage)]);
const heldRecords = held ? hexToU8a(held).subarray(compactFromU8a(hexToU8a(held))[0]) : new Uint8Array();
let nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
const pending = [];
const lastPage = Math.floor((start + LEAVES - 1) / PAGE);
for (let from = firstPage; from <= lastPage; from += PAGES_PER_EXTRINSIC) {
  const items = [];
  for (let page = from; page <= Math.min(from + PAGES_PER_EXTRINSIC - 1, lastPage); page++) {
    const positions = [];
    for (let p = Math.max(page * PAGE, start); p < Math.min((page + 1) * PAGE, start + LEAVES); p++) positions.push(p);
    const records = positions.map(leafRecord);
    if (page === firstPage) records.unshift(heldRecords);
    const count = positions.length + (page === firstPage ? start % PAGE : 0);
    items.push([pageKey(page), u8aToHex(u8aConcat(compactToU8a(count), ...records))]);
  }
  if (from + PAGES_PER_EXTRINSIC > lastPage) items.push([frontierKey, u8aToHex(grown)]);
  pending.push(inBlock(api.tx.sudo.sudo(api.tx.system.setStorage(items)), nonce++));
}
await Promise.all(pending);
console.log(`wrote ${LEAVES} leaves; tree size now ${(await miner.rpc('shielded_treeState')).leafCount}`);

const { follower } = await followThenStop(miner, 'bench-wallet-follower');
const followerUrl = `ws://127.0.0.1:${follower.rpcPort}`;

for (let run = 1; run <= 3; run++) {
  await wallet(`fresh${run}`, followerUrl, 'restore', '--seed', '88'.repeat(32));
  const sync = await wallet(`fresh${run}`, followerUrl, 'sync');
  console.log(
    `sync run ${run}: ${sync.scanned} outputs in ${sync.seconds.toFixed(2)} s = ${Math.round(sync.outputsPerSecond)} outputs/s ` +
      `(${sync.found} found)`,
  );
}
// Where the time goes: one page of 1,024 leaves read through the node alone.
const best = await follower.rpc('chain_getBlockHash', []);
const pageTimes = [];
let pageBytes = 0;
for (let i = 0; i < 10; i++) {
  const args = u8aToHex(u8aConcat(bnToU8a(i * 1024, { bitLength: 64 }), bnToU8a(1024, { bitLength: 32 })));
  const started = performance.now();
  const page = await follower.rpc('state_call', ['ShieldedApi_leaves', args, best]);
  pageTimes.push(performance.now() - started);
  pageBytes = (page.length - 2) / 2;
}
pageTimes.sort((a, b) => a - b);
console.log(`one page of 1024 leaves from the node: ${pageTimes[5].toFixed(1)} ms median (${Math.round(pageBytes / 1024)} KiB SCALE)`);
await follower.stop();
rmSync(root, { recursive: true, force: true });
process.exit(0);

function inBlock(tx, txNonce) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(alice, { nonce: txNonce }, ({ status, dispatchError }) => {
      if (dispatchError) reject(new Error(dispatchError.toString()));
      else if (status.isInBlock) resolve(status.asInBlock);
      else if (status.isInvalid || status.isDropped || status.isUsurped) reject(new Error(`set_storage: ${status.type}`));
    }).catch(reject);
  });
}

/** The 96 bytes of a PKr from its base58check text (kind byte, payload, 4-byte checksum). */
function bs58payload(text) {
  const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  let n = 0n;
  for (const c of text) n = n * 58n + BigInt(ALPHABET.indexOf(c));
  const bytes = [];
  while (n > 0n) {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  return Uint8Array.from(bytes.slice(1, 97));
}
