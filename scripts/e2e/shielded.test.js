// The shielded pool end to end: Charlie shields SERO into a note of account A, A pays B
// privately, B unshields to Bob. Transactions are built and proven by `sero-wallet`
// and submitted through @polkadot/api to a real `sero-node --dev`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { SeroNode, runWallet } from './lib/node.js';

const SERO = 10n ** 18n;
const SEED_A = '11'.repeat(32);
const SEED_B = '22'.repeat(32);

let node;
let wallets;
let api;
let charlie;
let bob;

before(async () => {
  node = await new SeroNode('shielded', ['--dev', '--tmp', '--mining-threads', '1']).start();
  api = node.api;
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  // Alice mines (and earns rewards and fees): Charlie shields, so his balance moves by the shield alone.
  charlie = keyring.addFromUri('//Charlie');
  bob = keyring.addFromUri('//Bob');
  wallets = mkdtempSync(join(tmpdir(), 'sero-shielded-wallets-'));
  await wallet(SEED_A, 'restore', '--seed', SEED_A);
  await wallet(SEED_B, 'restore', '--seed', SEED_B);
  await node.waitForBlock(1);
});

after(async () => {
  await node?.stop();
  if (wallets) rmSync(wallets, { recursive: true, force: true });
});

/** Runs the wallet restored from `seed` with --json; returns its parsed output. */
function wallet(seed, ...args) {
  return runWallet(join(wallets, seed), `ws://127.0.0.1:${node.rpcPort}`, args);
}

/** The transaction the wallet builds (not submits) for `args`, as hex. */
async function built(seed, ...args) {
  return (await wallet(seed, ...args, '--no-submit')).transaction;
}

async function balanceOf(seed) {
  return BigInt((await wallet(seed, 'balance')).balances.SERO ?? 0);
}

/** Submits `tx`, resolves with the events of its block once it is in one. */
function submit(tx, signer) {
  return new Promise((resolve, reject) => {
    const handle = ({ status, events, dispatchError }) => {
      if (dispatchError) {
        const error = dispatchError.isModule ? api.registry.findMetaError(dispatchError.asModule) : dispatchError;
        reject(new Error(`dispatch failed: ${error.section ?? ''}.${error.name ?? error.toString()}`));
      } else if (status.isInBlock) {
        resolve({ block: status.asInBlock, events });
      }
    };
    (signer ? tx.signAndSend(signer, handle) : tx.send(handle)).catch(reject);
  });
}

function findEvent(events, method) {
  return events.map(({ event }) => event).find((e) => e.section === 'shielded' && e.method === method);
}

test('the runtime lists the shielded pool and its RPC answers', async () => {
  const pallets = api.runtimeMetadata.asLatest.pallets.map((p) => p.name.toString());
  assert.ok(pallets.includes('Shielded') && pallets.includes('Assets'));
  const state = await api.rpc.shielded.treeState();
  assert.equal(state.leafCount.toNumber(), 0);
  assert.equal((await api.rpc.shielded.minimumFee(2, 2)).toString(), String(4n * 10n ** 15n));
  assert.equal((await api.rpc.shielded.authPath(0, state.root)).isNone, true);
  const { pk } = await wallet(SEED_A, 'address');
  assert.match(pk, /^[1-9A-HJ-NP-Za-km-z]+$/);
});

test('shield, private transfer, unshield', async () => {
  const shielded = 10n * SERO;
  const sent = 6n * SERO;
  const unshielded = 5n * SERO;

  // Charlie shields 10 SERO into a note of A.
  const shieldTx = await built(SEED_A, 'shield', '10', '--from', charlie.address);
  const shieldCall = api.tx.shielded.shield(shieldTx);
  const extrinsicFee = (await shieldCall.paymentInfo(charlie)).partialFee.toBigInt();
  const shieldResult = await submit(shieldCall, charlie);
  const shieldEvent = findEvent(shieldResult.events, 'Shielded');
  assert.ok(shieldEvent, 'a Shielded event');
  assert.equal(shieldEvent.data.value.toBigInt(), shielded);
  const shieldHeader = await api.rpc.chain.getHeader(shieldResult.block);
  const charlieAt = async (hash) => (await (await api.at(hash)).query.system.account(charlie.address)).data.free.toBigInt();
  assert.equal(
    (await charlieAt(shieldHeader.parentHash)) - (await charlieAt(shieldResult.block)),
    shielded + extrinsicFee,
    'Charlie paid the shielded amount and the extrinsic fee',
  );
  assert.equal(await balanceOf(SEED_A), shielded);
  assert.equal(await balanceOf(SEED_B), 0n);

  // The leaf is public, its contents are not: the RPC shows a 96-byte PKr and 160 bytes of ciphertext.
  const [leaf] = await api.rpc.shielded.leaves(0, 10);
  assert.equal(leaf.pkr.length, 96);
  assert.equal(leaf.ciphertext.length, 160);

  // A pays B 6 SERO privately (unsigned: the proofs and signatures authorise it).
  const { pk: pkB } = await wallet(SEED_B, 'address');
  const sendTx = await built(SEED_A, 'send', pkB, '6');
  const doubleSpend = await built(SEED_A, 'send', pkB, '6');
  assert.notEqual(doubleSpend, sendTx);
  const sendResult = await submit(api.tx.shielded.transact(sendTx));
  const transferred = findEvent(sendResult.events, 'Transferred');
  assert.ok(transferred, 'a Transferred event');
  const fee = transferred.data.fee.toBigInt();
  assert.equal(fee, 3n * 10n ** 15n, 'the minimum fee for 1 input and 2 outputs');
  assert.equal(await balanceOf(SEED_B), sent);
  assert.equal(await balanceOf(SEED_A), shielded - sent - fee);
  for (const nil of transferred.data.nils) {
    assert.equal((await api.rpc.shielded.isSpent(nil)).isTrue, true);
  }

  // A second transaction built from the same note before the first landed: a double
  // spend with its own valid proofs. The pool refuses it and nothing changes.
  const size = (await api.rpc.shielded.treeState()).leafCount.toNumber();
  // Custom error 8 is the pallet's NullifierSpent.
  await assert.rejects(submit(api.tx.shielded.transact(doubleSpend)), /Invalid Transaction: Custom error: 8/);
  assert.equal((await api.rpc.shielded.treeState()).leafCount.toNumber(), size);

  // B unshields 5 SERO to Bob.
  const bobBefore = (await api.query.system.account(bob.address)).data.free.toBigInt();
  const unshieldTx = await built(SEED_B, 'unshield', '5', '--to', bob.address);
  const unshieldResult = await submit(api.tx.shielded.unshield(unshieldTx));
  const unshieldEvent = findEvent(unshieldResult.events, 'Unshielded');
  assert.ok(unshieldEvent, 'an Unshielded event');
  const header = await api.rpc.chain.getHeader(unshieldResult.block);
  const bobAt = async (hash) => (await (await api.at(hash)).query.system.account(bob.address)).data.free.toBigInt();
  assert.equal(await bobAt(unshieldResult.block) - await bobAt(header.parentHash), unshielded);
  assert.ok(bobBefore <= await bobAt(header.parentHash));
  const unshieldFee = unshieldEvent.data.fee.toBigInt();
  assert.equal(await balanceOf(SEED_B), sent - unshielded - unshieldFee);

  // The pool account holds exactly what is shielded.
  const supply = (await api.query.shielded.supply(shieldEvent.data.asset)).toBigInt();
  assert.equal(supply, shielded - fee - unshielded - unshieldFee);
});

// A node that saw none of the transactions above in its pool imports their blocks: each
// block's proofs are checked in one batch at its end (pallet_shielded::deferral), and the
// node ends on the miner's chain.
test('a node that saw none of the transactions imports their blocks, each block\'s proofs in one batch', async () => {
  const peerId = (await api.rpc.system.localPeerId()).toString();
  const follower = await new SeroNode('shielded-follower', [
    '--dev', '--tmp', '--mining-threads', '0', '-l', 'sero-host=debug',
    '--bootnodes', `/ip4/127.0.0.1/tcp/${node.p2pPort}/p2p/${peerId}`,
  ]).start();
  try {
    const best = await api.rpc.chain.getHeader();
    await follower.waitForBlock(best.number.toNumber());
    const atFollower = await follower.api.rpc.chain.getBlockHash(best.number.toNumber());
    assert.equal(atFollower.toHex(), best.hash.toHex());
    // The transfer's three proofs and the unshield's.
    const batches = [...follower.log().matchAll(/(\d+) deferred proofs checked in one batch: all verify/g)];
    assert.ok(batches.length >= 2, `two blocks' batches at least:\n${follower.log().slice(-3000)}`);
    assert.doesNotMatch(follower.log(), /do not verify/);
  } finally {
    await follower.stop();
  }
});
