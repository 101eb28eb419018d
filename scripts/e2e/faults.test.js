// Faults end to end: a miner killed with SIGKILL while it mines (no clean shutdown, its
// database mid-write) restarts on the same database with the same chain, no block it had
// imported lost, rejoins its peer and mines on, and the peer follows its new blocks. A
// network partitioned into {A} and {B, C}, both sides mining, and A's side carrying a
// wallet's shield and private send, converges when healed on one chain and one state, and
// the wallet that synced A's side ends with the balances of one restored afresh.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeroNode, runWallet } from './lib/node.js';

const nodes = [];
const base = mkdtempSync(join(tmpdir(), 'sero-fault-miner-'));
const wallets = mkdtempSync(join(tmpdir(), 'sero-fault-wallets-'));
after(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
  for (const dir of [base, wallets]) rmSync(dir, { recursive: true, force: true });
});

/** The hashes of blocks 1..=n on `node`'s chain. */
async function hashes(node, n) {
  const out = [];
  for (let i = 1; i <= n; i++) out.push((await node.api.rpc.chain.getBlockHash(i)).toHex());
  return out;
}

test('a miner killed mid-round restarts on the same chain and rejoins its peer', async () => {
  const minerArgs = ['--dev', '--base-path', base, '--mining-threads', '1'];
  let miner = await new SeroNode('miner', minerArgs).start();
  nodes.push(miner);
  await miner.waitForBlock(1);
  const peer = await new SeroNode('peer', [
    '--dev', '--tmp', '--mining-threads', '0', '--bootnodes', await miner.address(),
  ]).start();
  nodes.push(peer);
  await miner.waitForBlock(4);

  const before = await miner.bestNumber();
  const chain = await hashes(miner, before);
  await peer.waitForBlock(before);
  await miner.kill();
  assert.ok(!miner.running());

  // The same database: every block it had is there, under the same hash.
  miner = await new SeroNode('miner-restarted', [...minerArgs, '--bootnodes', await peer.address()]).start();
  nodes.push(miner);
  assert.ok((await miner.bestNumber()) >= before, 'no block lost');
  assert.deepEqual(await hashes(miner, before), chain, 'the same chain');

  // It mines on from there, and the peer follows.
  const target = (await miner.bestNumber()) + 3;
  await miner.waitForBlock(target);
  await peer.waitForBlock(target);
  assert.deepEqual(await hashes(peer, target), await hashes(miner, target), 'one chain on both');
  assert.deepEqual((await hashes(peer, before)), chain);
});

test('a partitioned network mining on both sides converges on one chain when healed', async () => {
  // {A} and {B, C}: every node takes reserved peers only, so who talks to whom is set here.
  const reservedOnly = (name, threads) =>
    new SeroNode(name, ['--dev', '--tmp', '--reserved-only', '--mining-threads', String(threads)]).start();
  const a = await reservedOnly('partition-a', 1);
  nodes.push(a);
  const b = await reservedOnly('partition-b', 1);
  nodes.push(b);
  const c = await reservedOnly('partition-c', 0);
  nodes.push(c);
  const link = async (x, y) => {
    await x.rpc('system_addReservedPeer', [await y.address()]);
    await y.rpc('system_addReservedPeer', [await x.address()]);
  };
  await link(b, c);

  // Both sides mine their own chains.
  await a.waitForBlock(4);
  await b.waitForBlock(4);
  await c.waitForBlock(3);
  const forkHeight = Math.min(await a.bestNumber(), await b.bestNumber());
  assert.notDeepEqual(await hashes(a, forkHeight), await hashes(b, forkHeight), 'two chains');
  assert.equal((await a.api.rpc.system.peers()).length, 0, 'A is alone');

  // A wallet on A's side shields and pays privately: shielded transactions on a chain that
  // may lose.
  const onA = (name, ...args) => runWallet(join(wallets, name), `ws://127.0.0.1:${a.rpcPort}`, args);
  const seed = '66'.repeat(32);
  await onA('w', 'restore', '--seed', seed);
  await onA('r', 'restore', '--seed', '77'.repeat(32));
  await onA('w', 'shield', '10', '--from', '//Alice');
  await onA('w', 'send', (await onA('r', 'address')).pk, '3');
  const sero = async (name) => BigInt((await onA(name, 'balance')).balances.SERO ?? 0);
  assert.ok((await sero('w')) > 0n, 'the wallet holds notes on A\'s side');

  // Healed: all three end on one chain, with one state at each block.
  await link(a, b);
  await link(a, c);
  const agreed = await waitForAgreement([a, b, c], forkHeight + 2);
  const states = await Promise.all([a, b, c].map(async (n) =>
    (await n.api.rpc.chain.getHeader(agreed)).stateRoot.toHex()));
  assert.equal(new Set(states).size, 1, 'one state root');

  // A's transactions were re-included on the agreed chain or refused there; the wallet that
  // synced A's side rewinds to what a wallet restored afresh from its seed finds. (A block
  // re-including a retracted transaction may land between the two reads: read again.)
  await onA('fresh', 'restore', '--seed', seed);
  let synced;
  let fresh;
  for (let attempt = 0; attempt < 10; attempt++) {
    synced = await sero('w');
    fresh = await sero('fresh');
    if (synced === fresh) break;
    await a.waitForBlock((await a.bestNumber()) + 1);
  }
  assert.equal(synced, fresh, 'the wallet that saw the losing side agrees with a fresh one');
});

/** Waits until every node's chain has the same block at a height of at least `height`: its hash. */
async function waitForAgreement(group, height) {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const bests = await Promise.all(group.map((n) => n.bestNumber()));
    const common = Math.min(...bests);
    if (common >= height) {
      const at = await Promise.all(group.map(async (n) => (await n.api.rpc.chain.getBlockHash(common)).toHex()));
      if (new Set(at).size === 1) return at[0];
    }
    if (Date.now() > deadline) throw new Error(`no agreement at #${height} or above: bests ${bests}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}
