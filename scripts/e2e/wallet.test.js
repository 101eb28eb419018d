// sero-wallet end to end, against a real `sero-node --dev` that mines its own blocks:
// A shields 100 SERO from Alice, sends 30 to B with a memo, B sends 10 back; balances are
// exact; A's tracing key sees all of A's history and cannot spend; a third wallet sees none
// of it; a send built from a stale view of A is refused by the node and the wallet recovers.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { SeroNode, runWallet, submitAndWait } from './lib/node.js';

const SERO = 10n ** 18n;

let node;
let root;
const dir = (name) => join(root, name);

before(async () => {
  node = await new SeroNode('wallet', ['--dev', '--tmp', '--mining-threads', '1']).start();
  root = mkdtempSync(join(tmpdir(), 'sero-wallets-'));
  await node.waitForBlock(1);
});

after(async () => {
  await node?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

const endpoint = () => `ws://127.0.0.1:${node.rpcPort}`;

/** Runs the wallet in directory `name` with --json; resolves with its parsed output. */
const wallet = (name, ...args) => runWallet(dir(name), endpoint(), args);

/** Runs the wallet expecting it to fail; resolves with its error message. */
async function walletFails(name, args, env = {}) {
  try {
    await runWallet(dir(name), endpoint(), args, env);
  } catch (e) {
    assert.equal(e.code, 1, 'exit status 1');
    return JSON.parse(e.stdout).error;
  }
  throw new Error(`sero-wallet ${args.join(' ')} succeeded`);
}

const sero = async (name, ...flags) => BigInt((await wallet(name, ...flags, 'balance')).balances.SERO ?? 0);

/** The received/spent entries of a history, without this wallet's own transfer records. */
const notesOf = (history) => history.notes.map((n) => `${n.type} ${n.block} ${n.position} ${n.value} ${n.memo ?? ''}`);

test('the issue scenario: shield, send with a memo, send back, audit, isolation, recovery', async () => {
  await wallet('a', 'restore', '--seed', '11'.repeat(32));
  await wallet('b', 'restore', '--seed', '22'.repeat(32));
  const created = await wallet('c', 'create');
  assert.equal(created.mnemonic.split(' ').length, 24, 'create shows a 24-word seed');
  const pkA = (await wallet('a', 'address')).pk;
  const pkB = (await wallet('b', 'address')).pk;
  const pkC = created.pk;

  // A shields 100 SERO from Alice's transparent account.
  const shielded = await wallet('a', 'shield', '100', '--from', '//Alice');
  assert.ok(shielded.block.number > 0);
  assert.equal(await sero('a'), 100n * SERO);

  // A sends 30 to B with a memo; B syncs and sees 30 and the memo.
  const ab = await wallet('a', 'send', pkB, '30', '--memo', 'rent for May');
  const feeAB = BigInt(ab.fee);
  assert.ok(feeAB > 0n);
  assert.equal(await sero('b'), 30n * SERO);
  const historyB = await wallet('b', 'history');
  assert.deepEqual(
    historyB.notes.map((n) => [n.type, n.value, n.memo]),
    [['received', String(30n * SERO), 'rent for May']],
  );

  // B sends 10 back; A sees 70 − fees + 10 exactly.
  const ba = await wallet('b', 'send', pkA, '10', '--memo', 'thanks');
  assert.equal(await sero('b'), 20n * SERO - BigInt(ba.fee));
  assert.equal(await sero('a'), 100n * SERO - 30n * SERO - feeAB + 10n * SERO);
  const historyA = await wallet('a', 'history');
  assert.ok(historyA.notes.some((n) => n.type === 'received' && n.memo === 'thanks'));
  assert.deepEqual(historyA.transfers.map((t) => t.type), ['shield', 'send']);

  // A's tracing key: the same notes, spends and balance; no spending, and it says why.
  const { tk } = await wallet('a', 'export-tk');
  const audit = await wallet('audit', '--tk', tk, 'history');
  assert.deepEqual(notesOf(audit), notesOf(historyA));
  assert.equal(await sero('audit', '--tk', tk), await sero('a'));
  const refused = await walletFails('audit', ['--tk', tk, 'send', pkC, '1']);
  assert.match(refused, /audit mode.*cannot spend/);
  // Nor shield into the account, nor unshield from it.
  assert.match(await walletFails('audit', ['--tk', tk, 'shield', '1', '--from', '//Alice']), /audit mode/);
  assert.match(
    await walletFails('audit', ['--tk', tk, 'unshield', '1', '--to', '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty']),
    /audit mode/,
  );
  assert.equal(await sero('audit', '--tk', tk), await sero('a'), 'nothing moved');

  // A fresh one-time address of B is payable like B's PK, and B alone finds the note.
  const { pkr } = await wallet('b', 'new-pkr');
  assert.notEqual(pkr, pkB);
  const beforePkr = await sero('b');
  await wallet('a', 'send', pkr, '1', '--memo', 'to a PKr');
  assert.equal(await sero('b'), beforePkr + SERO);
  assert.ok((await wallet('b', 'history')).notes.some((n) => n.type === 'received' && n.memo === 'to a PKr'));
  assert.deepEqual(await wallet('c', 'balance').then((b) => b.balances), {});

  // A third wallet sees none of it.
  assert.deepEqual((await wallet('c', 'history')).notes, []);

  // A stale copy of A (from before a send) spends the same note again: the node refuses it
  // (NullifierSpent), the wallet syncs, rebuilds from its other notes and succeeds.
  const before = await sero('a');
  copyFileSync(join(dir('a'), 'wallet.redb'), join(root, 'stale.redb'));
  const first = await wallet('a', 'send', pkC, '5');
  copyFileSync(join(root, 'stale.redb'), join(dir('a'), 'wallet.redb'));
  const second = await wallet('a', '--no-sync', 'send', pkC, '5');
  assert.equal(second.attempts, 2);
  assert.match(second.refusals[0], /already spent/);
  assert.equal(await sero('c'), 10n * SERO);
  assert.equal(await sero('a'), before - 10n * SERO - BigInt(first.fee) - BigInt(second.fee));
});

test('bad input gets a clear error and changes nothing', async () => {
  await wallet('d', 'restore', '--seed', '44'.repeat(32));
  const pkD = (await wallet('d', 'address')).pk;
  await wallet('d', 'shield', '2', '--from', '//Bob');
  const balance = await sero('d');
  assert.equal(balance, 2n * SERO);
  const size = (await node.api.rpc.shielded.treeState()).leafCount.toNumber();

  assert.match(await walletFails('d', ['send', pkD, '5']), /insufficient funds/i);
  assert.match(await walletFails('d', ['send', 'not-an-address', '1']), /not a payment address/);
  assert.match(await walletFails('d', ['send', pkD, '1', '--asset', 'NOPE']), /unknown asset "NOPE"/);
  assert.match(await walletFails('d', ['send', pkD, '1', '--memo', 'x'.repeat(65)]), /at most 64 bytes/);
  assert.match(await walletFails('d', ['send', pkD, '1.0000000000000000001']), /at most 18 decimals/);
  assert.match(await walletFails('d', ['--node', 'ws://127.0.0.1:1', 'balance']), /cannot reach the node/);
  assert.match(await walletFails('d', ['balance'], { SERO_WALLET_PASSWORD: 'wrong' }), /wrong password/);
  assert.match(await walletFails('d', ['restore', '--seed', '44'.repeat(32)]), /already exists/);
  assert.match(await walletFails('e', ['balance']), /no wallet at/);
  assert.match(await walletFails('d', ['shield', '1', '--from', '//NoMoney']), /less than the 1 SERO/);
  // A payout too small to create its receiver (below the existential deposit of 0.001 SERO):
  // the pool refuses it, so it never lands in a block as a failed call that pays nothing.
  const fresh = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//NoSuchAccount').address;
  assert.match(await walletFails('d', ['unshield', '0.0000001', '--to', fresh]), /TransferRefused/);
  assert.equal((await node.api.query.system.account(fresh)).data.free.toBigInt(), 0n);

  assert.equal(await sero('d'), balance);
  assert.equal((await node.api.rpc.shielded.treeState()).leafCount.toNumber(), size, 'no leaf was added');
});

test('a token end to end: created, registered, shielded, sent and unshielded by the wallet', async () => {
  const { api } = node;
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const [alice, ferdie] = ['//Alice', '//Ferdie'].map((uri) => keyring.addFromUri(uri));
  const GOLD = 77;
  // Alice creates the token and mints herself 1,000; governance (sudo on dev) lets it in.
  await submitAndWait(api, api.tx.assets.create(GOLD, alice.address, 1), alice);
  await submitAndWait(api, api.tx.assets.mint(GOLD, alice.address, 1000), alice);
  await submitAndWait(api, api.tx.sudo.sudo(api.tx.shielded.registerToken('GOLD', GOLD)), alice);
  const gold = async (name) => BigInt((await wallet(name, 'balance')).balances.GOLD ?? 0);

  await wallet('g', 'restore', '--seed', '55'.repeat(32));
  await wallet('h', 'restore', '--seed', '66'.repeat(32));
  const pkH = (await wallet('h', 'address')).pk;
  // SERO for the fees, and 100 GOLD.
  await wallet('g', 'shield', '1', '--from', '//Alice');
  await wallet('g', 'shield', '100', '--asset', 'GOLD', '--from', '//Alice');
  assert.equal(await gold('g'), 100n);
  assert.equal((await api.query.assets.account(GOLD, alice.address)).unwrap().balance.toBigInt(), 900n);

  await wallet('g', 'send', pkH, '30', '--asset', 'GOLD', '--memo', 'gold');
  assert.equal(await gold('g'), 70n);
  assert.equal(await gold('h'), 30n);
  // H has no SERO for a fee yet.
  assert.match(await walletFails('h', ['unshield', '10', '--asset', 'GOLD', '--to', ferdie.address]), /insufficient funds.*SERO/i);
  await wallet('g', 'send', pkH, '0.5');
  await wallet('h', 'unshield', '10', '--asset', 'GOLD', '--to', ferdie.address);
  assert.equal(await gold('h'), 20n);
  assert.equal((await api.query.assets.account(GOLD, ferdie.address)).unwrap().balance.toBigInt(), 10n);
  const goldId = (await api.query.shielded.tokenAssets(GOLD)).unwrap();
  assert.equal((await api.query.shielded.supply(goldId)).toBigInt(), 90n, 'the pool holds what is shielded');
});
