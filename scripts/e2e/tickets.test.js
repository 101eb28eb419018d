// Tickets and packages end to end, on one dev node.
//
// Tickets: an issuer (//Alice, a transparent account) registers a category and
// allots a ticket each to two wallets, straight into shielded notes for one-time
// addresses the wallets handed out; one wallet sends its ticket to the other privately,
// paying the fee in SERO. Balances and `tickets` show each ticket with its data; an
// auditor with the receiver's tracing key sees the tickets too; the chain sees who
// allotted what to which one-time address, then nothing of the private send but nullifiers
// and new leaves.
//
// Packages: Ann seals 25 SERO and a message into a package and gives it to Ben; Cid, who
// holds only the key, reads it; Ben opens it and holds exactly its 25 SERO less the fee;
// Ann's auditor sees that she held a package, not what was in it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { SeroNode, runWallet, submitAndWait } from './lib/node.js';

let node;
let root;
const dir = (name) => join(root, name);
const wallet = (name, ...args) => runWallet(dir(name), `ws://127.0.0.1:${node.rpcPort}`, args);
const offline = (name, ...args) => runWallet(dir(name), 'ws://127.0.0.1:1', args);

/** The ticket `n` of CINEMA as the chain takes its value: 32 bytes, big-endian. */
const value = (n) => `0x${n.toString(16).padStart(64, '0')}`;

before(() => {
  root = mkdtempSync(join(tmpdir(), 'sero-tickets-'));
});

after(async () => {
  await node?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

let annPk;
let benPk;

test('an issuer allots tickets to two wallets; one sends its ticket to the other privately', async () => {
  await offline('ann', 'restore', '--seed', '55'.repeat(32));
  await offline('ben', 'restore', '--seed', '66'.repeat(32));
  await offline('cid', 'restore', '--seed', '77'.repeat(32));
  annPk = (await offline('ann', 'address')).pk;
  benPk = (await offline('ben', 'address')).pk;
  // Ann mines, paid privately: her notes pay her fees.
  node = await new SeroNode('tickets', ['--dev', '--tmp', '--mining-threads', '1', '--reward-to', annPk]).start();
  const { api } = node;
  const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');

  await submitAndWait(api, api.tx.tickets.registerCategory('CINEMA'), alice);
  // Each wallet hands out a fresh one-time address; the issuer allots to it.
  const annPkr = (await offline('ann', 'new-pkr')).hex;
  const benPkr = (await offline('ben', 'new-pkr')).hex;
  const allotted = await submitAndWait(api, api.tx.tickets.allot('CINEMA', value(7), annPkr, 'row 4 seat 12'), alice);
  await submitAndWait(api, api.tx.tickets.allot('CINEMA', value(8), benPkr, 'row 4 seat 13'), alice);
  const event = allotted.events.find((e) => api.events.tickets.Allotted.is(e));
  const [leaf] = await api.rpc.shielded.leaves(event.data.position, 1);
  assert.equal(leaf.pkr.toHex(), annPkr, 'the note is for the one-time address allotted to');
  await assert.rejects(
    submitAndWait(api, api.tx.tickets.allot('CINEMA', value(7), benPkr, ''), alice),
    /tickets.AlreadyAllotted/,
  );

  // Each wallet finds its ticket, with its data.
  const annBalance = await wallet('ann', 'balance');
  assert.equal(annBalance.balances['CINEMA:7'], '1');
  assert.ok(BigInt(annBalance.balances.SERO) > 0n, 'SERO for the fee');
  assert.deepEqual((await wallet('ben', 'tickets')).tickets.map((t) => [t.ticket, t.data]), [['CINEMA:8', 'row 4 seat 13']]);

  // Ann sends hers to Ben privately.
  const sent = await wallet('ann', 'send', benPk, '--ticket', 'CINEMA:7');
  assert.equal(sent.value, '1');
  assert.equal(sent.balance, '0');
  const block = await api.rpc.chain.getBlock(await api.rpc.chain.getBlockHash(sent.block.number));
  const call = block.block.extrinsics.map((x) => x.method).find((m) => m.section === 'shielded');
  assert.equal(call.method, 'transact', 'a private transfer: no ticket, category or value in the clear');
  assert.ok(!JSON.stringify(call.toHuman()).includes('CINEMA'));

  assert.deepEqual((await wallet('ann', 'tickets')).tickets, []);
  const benTickets = (await wallet('ben', 'tickets')).tickets;
  assert.deepEqual(benTickets.map((t) => [t.ticket, t.data]).sort(), [['CINEMA:7', 'row 4 seat 12'], ['CINEMA:8', 'row 4 seat 13']]);
  const benBalance = await wallet('ben', 'balance');
  assert.equal(benBalance.balances['CINEMA:7'], '1');
  assert.equal(benBalance.balances['CINEMA:8'], '1');

  // The issuer updates a ticket's data; holders read the new data.
  await submitAndWait(api, api.tx.tickets.setData('CINEMA', value(8), 'row 1 seat 1'), alice);
  const updated = (await wallet('ben', 'tickets')).tickets.find((t) => t.ticket === 'CINEMA:8');
  assert.equal(updated.data, 'row 1 seat 1');

  // An auditor with Ben's tracing key sees his tickets.
  const tk = (await wallet('ben', 'export-tk')).tk;
  const audit = await runWallet(dir('auditor'), `ws://127.0.0.1:${node.rpcPort}`, ['--tk', tk, 'tickets']);
  assert.deepEqual(audit.tickets.map((t) => t.ticket).sort(), ['CINEMA:7', 'CINEMA:8']);

  // Sending it again: Ann holds no such ticket any more.
  await assert.rejects(wallet('ann', 'send', benPk, '--ticket', 'CINEMA:7'), /insufficient funds/);
});

test('a package of 25 SERO and data is created, given, read with its key and opened', async () => {
  const SERO = 10n ** 18n;
  const benBefore = BigInt((await wallet('ben', 'balance')).balances.SERO ?? 0);
  const created = await wallet('ann', 'package', 'create', '--amount', '25', '--data', 'for Ben');
  assert.match(created.id, /^0x[0-9a-f]{64}$/);
  assert.match(created.key, /^0x[0-9a-f]{64}$/);
  assert.deepEqual((await wallet('ann', 'package', 'list')).packages.map((p) => p.id), [created.id]);
  // Ann's auditor sees that she holds a package; its content needs the key, which the
  // chain never saw.
  const annTk = (await wallet('ann', 'export-tk')).tk;
  const audit = await runWallet(dir('ann-auditor'), `ws://127.0.0.1:${node.rpcPort}`, ['--tk', annTk, 'package', 'list']);
  assert.deepEqual(audit.packages.map((p) => p.id), [created.id]);
  const { api } = node;
  const record = (await api.call.shieldedApi.package(created.id)).unwrap();
  assert.ok(!record.sealed.toHex().includes(Buffer.from('for Ben').toString('hex')), 'the data is sealed');

  await wallet('ann', 'package', 'transfer', created.id, benPk);
  assert.deepEqual((await wallet('ann', 'package', 'list')).packages, []);
  assert.deepEqual((await wallet('ben', 'package', 'list')).packages.map((p) => p.id), [created.id]);

  // Cid holds no note and owns nothing: the key alone shows the content.
  const shown = await wallet('cid', 'package', 'show', created.id, '--key', created.key);
  assert.equal(shown.asset, 'SERO');
  assert.equal(BigInt(shown.value), 25n * SERO);
  assert.equal(shown.data, 'for Ben');
  await assert.rejects(wallet('cid', 'package', 'show', created.id, '--key', `0x${'00'.repeat(32)}`), /does not open/);
  await assert.rejects(wallet('cid', 'package', 'open', created.id, '--key', created.key), /not this wallet's/);

  // Ben opens it: its value pays the fee, the rest is his, exactly.
  const opened = await wallet('ben', 'package', 'open', created.id, '--key', created.key);
  const benAfter = BigInt((await wallet('ben', 'balance')).balances.SERO);
  assert.equal(benAfter - benBefore, 25n * SERO - BigInt(opened.fee));
  assert.deepEqual((await wallet('ben', 'package', 'list')).packages, []);
  await assert.rejects(wallet('ben', 'package', 'open', created.id, '--key', created.key), /open already/);
});
