// Private rewards end to end: a dev node mining with `--reward-to <PK>` pays each block's
// reward and fees into a shielded note for a fresh one-time address of that PK. The PK's
// wallet finds the notes (and nobody's account receives the reward), sees them as
// "PoW reward and fees", and spends from them with a real proof.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { SeroNode, runWallet, waitFor } from './lib/node.js';

const SERO = 10n ** 18n;
/** The dev preset's PoW reward (runtime/src/genesis_config_presets.rs). */
const REWARD = 66n * SERO;

let node;
let root;
const dir = (name) => join(root, name);
const wallet = (name, ...args) => runWallet(dir(name), `ws://127.0.0.1:${node.rpcPort}`, args);

before(() => {
  root = mkdtempSync(join(tmpdir(), 'sero-rewards-'));
});

after(async () => {
  await node?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

test('a miner paid privately finds its rewards as notes and spends them', async () => {
  // The wallets exist before the node: restoring needs no chain.
  await runWallet(dir('miner'), 'ws://127.0.0.1:1', ['restore', '--seed', '33'.repeat(32)]);
  await runWallet(dir('friend'), 'ws://127.0.0.1:1', ['restore', '--seed', '44'.repeat(32)]);
  const pk = (await runWallet(dir('miner'), 'ws://127.0.0.1:1', ['address'])).pk;
  const friendPk = (await runWallet(dir('friend'), 'ws://127.0.0.1:1', ['address'])).pk;

  node = await new SeroNode('rewards', ['--dev', '--tmp', '--mining-threads', '1', '--reward-to', pk]).start();
  assert.match(node.log(), /go privately to a fresh one-time address/);
  const { api } = node;
  const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
  const aliceAtGenesis = (await (await api.at(await api.rpc.chain.getBlockHash(0))).query.system.account(alice.address)).data.free.toBigInt();
  await node.waitForBlock(3);

  // Each block paid a note; its PKr is fresh, so the notes are not linkable to each other.
  const pkrs = new Set();
  for (let n = 1; n <= 3; n++) {
    const at = await api.at(await api.rpc.chain.getBlockHash(n));
    const events = (await at.query.system.events()).map(({ event }) => event);
    assert.ok(!events.some((e) => api.events.blockRewards.Rewarded.is(e)), `block ${n}: no transparent reward`);
    const paid = events.find((e) => api.events.blockRewards.RewardedPrivately.is(e));
    assert.ok(paid, `block ${n} paid privately`);
    assert.equal(paid.data.amount.toBigInt(), REWARD, 'no transactions: the reward alone');
    const [leaf] = await api.rpc.shielded.leaves(paid.data.position, 1);
    pkrs.add(leaf.pkr.toHex());
  }
  assert.equal(pkrs.size, 3, 'a fresh one-time address per block');
  const aliceNow = (await api.query.system.account(alice.address)).data.free.toBigInt();
  assert.equal(aliceNow, aliceAtGenesis, 'the author account got nothing');

  // The miner's wallet finds them: at least the three blocks' rewards.
  const balance = BigInt((await wallet('miner', 'balance')).balances.SERO ?? 0);
  assert.ok(balance >= 3n * REWARD, `the wallet holds ${balance}`);
  assert.equal(balance % REWARD, 0n, 'whole rewards only');
  const history = await wallet('miner', 'history');
  const received = history.notes.filter((n) => n.type === 'received');
  assert.ok(received.length >= 3);
  assert.ok(received.every((n) => n.memo === 'PoW reward and fees'));

  // And spends from them with a real proof.
  const sent = await wallet('miner', 'send', friendPk, '5', '--memo', 'from my rewards');
  assert.ok(BigInt(sent.fee) > 0n);
  assert.equal(BigInt((await wallet('friend', 'balance')).balances.SERO), 5n * SERO);
  // The block that took the send paid its fee back to the miner, privately, with its reward.
  await waitFor('the fee paid back in a note', async () => {
    const hash = await api.rpc.chain.getBlockHash(sent.block.number);
    const events = (await (await api.at(hash)).query.system.events()).map(({ event }) => event);
    const paid = events.find((e) => api.events.blockRewards.RewardedPrivately.is(e));
    return paid && paid.data.amount.toBigInt() === REWARD + BigInt(sent.fee);
  }, { timeoutMs: 60_000 });
});
