// The transaction pool under load, on real `sero-node --dev` nodes: every transfer the pool
// accepts is included (the fork-aware pool stalled for good on this never-finalising chain),
// a full pool refuses new transactions at submission instead of silently dropping ones
// it had accepted, and a transaction that arrives just after a block is in the next one.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { WsProvider } from '@polkadot/api';
import { SeroNode, fundAccounts, preSign, submitAll, submitAndWait, waitFor } from './lib/node.js';

const SERO = 10n ** 18n;
const nodes = [];

after(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
});

async function start(name, args) {
  const node = await new SeroNode(name, ['--dev', '--tmp', ...args]).start();
  nodes.push(node);
  return node;
}

test('every transfer the pool accepts under load is included', async () => {
  const node = await start('pool-load', ['--mining-threads', '1']);
  const { api } = node;
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const alice = keyring.addFromUri('//Alice');
  const SENDERS = 100;
  const PER_SENDER = 30;
  const senders = Array.from({ length: SENDERS }, (_, i) => keyring.addFromUri(`//load/${i}`));

  await fundAccounts(node, alice, senders, 10n * SERO);

  // 3,000 transfers from 100 accounts over four connections, submitted in two halves with a
  // block import between them.
  // The receiver exists already: the amounts are below the existential deposit.
  const sink = keyring.addFromUri('//Ferdie').address;
  const sinkBefore = (await api.query.system.account(sink)).data.free.toBigInt();
  const chains = await preSign(api, senders, PER_SENDER, sink);
  const providers = await Promise.all([0, 1, 2, 3].map(async () => {
    const provider = new WsProvider(`ws://127.0.0.1:${node.rpcPort}`, 1000, {}, 60_000);
    await provider.isReady;
    return provider;
  }));
  const startBlock = await node.bestNumber();
  const accepted = [];
  const refused = [];
  for (const half of [[0, PER_SENDER / 2], [PER_SENDER / 2, PER_SENDER]]) {
    const results = await Promise.all(providers.map((provider, p) => {
      const mine = chains.filter((_, s) => s % providers.length === p);
      // Each sender's transfers in nonce order on one connection; senders interleaved.
      const ordered = [];
      for (let i = half[0]; i < half[1]; i++) for (const chain of mine) ordered.push(chain[i]);
      return submitAll(provider, ordered);
    }));
    for (const r of results) {
      accepted.push(...r.accepted);
      refused.push(...r.refused);
    }
    const at = await node.bestNumber();
    await node.waitForBlock(at + 1);
  }
  await Promise.all(providers.map((p) => p.disconnect()));
  assert.ok((await node.bestNumber()) >= startBlock + 2, 'the submissions spanned block imports');
  assert.deepEqual(refused, [], 'a pool of 8,192 refuses none of 3,000');
  assert.equal(accepted.length, SENDERS * PER_SENDER);

  // Every accepted transfer is included: each sender's nonce reaches the end of its chain.
  await waitFor('every accepted transfer to be included', async () => {
    const nonces = await Promise.all(senders.map(async (s) => (await api.query.system.account(s.address)).nonce.toNumber()));
    return nonces.every((n) => n === PER_SENDER);
  }, { timeoutMs: 600_000, everyMs: 2_000 });
  assert.equal((await api.rpc.author.pendingExtrinsics()).length, 0, 'the pool is empty');
  const sinkBalance = (await api.query.system.account(sink)).data.free.toBigInt();
  const expected = BigInt(SENDERS) * Array.from({ length: PER_SENDER }, (_, i) => 1000n + BigInt(i)).reduce((a, b) => a + b);
  assert.equal(sinkBalance - sinkBefore, expected, 'the receiver got every transfer exactly');
  await node.stop();
});

test('a full pool refuses at submission and keeps what it accepted', async () => {
  // No mining: nothing leaves the pool, so what it holds is exactly what it kept.
  // (Transfers from three senders in nonce order: all ready, none waits for a nonce.)
  const node = await start('pool-full', ['--mining-threads', '0', '--pool-limit', '20']);
  const { api } = node;
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const senders = ['//Alice', '//Bob', '//Charlie'].map((uri) => keyring.addFromUri(uri));
  const chains = await preSign(api, senders, 10, keyring.addFromUri('//Dave').address);
  const interleaved = [];
  for (let i = 0; i < 10; i++) for (const chain of chains) interleaved.push(chain[i]);

  const { accepted, refused } = await submitAll(node.provider, interleaved);
  // Signed transactions leave a tenth of the ready queue to unsigned ones: 18 of 20.
  assert.equal(accepted.length, 18, 'the pool takes what fits');
  assert.equal(refused.length, 12);
  for (const message of refused) assert.match(message, /1016.*Immediately Dropped/);
  const pending = (await api.rpc.author.pendingExtrinsics()).map((xt) => xt.hash.toHex());
  assert.deepEqual(new Set(pending), new Set(accepted), 'every accepted transaction is still there');
  await waitFor('the log to say the pool is full', () => /The transaction pool is full/.test(node.log()), { timeoutMs: 30_000 });
  // A transaction submitted and watched is refused the same way.
  const extra = api.tx.balances.transferKeepAlive(senders[0].address, 1n);
  await assert.rejects(submitAndWait(api, extra, keyring.addFromUri('//Eve')), /1016|Immediately Dropped/);
});

test('a transaction submitted just after a block is in the next block: the miner rebuilds its template', async () => {
  // When a block arrives, the miner builds its successor's template at once, before the
  // remark below exists. A block that holds the remark, whose parent was known before the
  // remark was ready in the pool and whose template was built after that (its timestamp
  // is set when its template is built), can only come from a template rebuilt on the
  // same parent. A round in which the next block came too soon to tell proves nothing
  // and is repeated; the node before rebuilds existed never gives the proof.
  const node = await start('pool-rebuild', ['--mining-threads', '1']);
  const { api } = node;
  const alice = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Alice');
  const seen = new Map();
  const unsubscribe = await api.rpc.chain.subscribeNewHeads((head) => {
    if (!seen.has(head.number.toNumber())) seen.set(head.number.toNumber(), Date.now());
  });
  await node.waitForBlock(2);
  const rounds = [];
  let proven = false;
  for (let round = 0; round < 15 && !proven; round++) {
    const before = await node.bestNumber();
    await waitFor('a new block', () => seen.has(before + 1), { everyMs: 20 });
    let readyAt;
    const block = await new Promise((resolve, reject) => {
      api.tx.system.remark(`rebuild ${round}`).signAndSend(alice, ({ status }) => {
        if (status.isReady && readyAt === undefined) readyAt = Date.now();
        if (status.isInBlock) resolve(status.asInBlock);
        if (status.isInvalid || status.isDropped || status.isUsurped) reject(new Error(status.type));
      }).catch(reject);
    });
    const included = (await api.rpc.chain.getHeader(block)).number.toNumber();
    await waitFor('the new heads to be seen', () => seen.has(included - 1), { everyMs: 20 });
    const builtAt = (await api.query.timestamp.now.at(block)).toNumber();
    proven = seen.get(included - 1) < readyAt && builtAt > readyAt;
    rounds.push(`#${included}: parent seen ${seen.get(included - 1) - readyAt} ms, template built ${builtAt - readyAt} ms from ready`);
  }
  unsubscribe();
  assert.ok(proven, `no block built after the remark was ready on a parent known before: ${rounds.join('; ')}`);
});
