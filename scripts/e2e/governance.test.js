// On-chain governance end to end on a real, mining `sero-node --dev`: SERO holders vote
// a runtime upgrade in by referendum (root track), anyone applies the authorised wasm,
// and the chain carries on under the new runtime. A referendum voted down changes nothing.
// The new runtime is this runtime with spec_version + 1 (106 → 107), built by the
// runtime's build script.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { SeroNode, UPGRADE_WASM, submitAndWait, waitFor } from './lib/node.js';

const SERO = 10n ** 18n;
/** What each voter puts behind its vote: four of six endowed accounts pass 50 % support. */
const VOTE = 900_000n * SERO;
/** The well-known storage key of the runtime code, `:code`. */
const CODE_KEY = '0x3a636f6465';

let node;
let api;
let alice, bob, charlie, dave, eve, ferdie;
let upgradeWasm;

before(async () => {
  assert.ok(existsSync(UPGRADE_WASM), `${UPGRADE_WASM} is missing: build the workspace first`);
  upgradeWasm = readFileSync(UPGRADE_WASM);
  node = await new SeroNode('governance', ['--dev', '--tmp', '--mining-threads', '1']).start();
  api = node.api;
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  [alice, bob, charlie, dave, eve, ferdie] =
    ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie'].map((uri) => keyring.addFromUri(uri));
  await node.waitForBlock(1);
});

after(async () => {
  await node?.stop();
});

async function specVersion(blockHash) {
  return (await node.rpc('state_getRuntimeVersion', blockHash ? [blockHash] : [])).specVersion;
}

async function freeBalance(account) {
  return (await api.query.system.account(account.address)).data.free.toBigInt();
}

/** `system.authorize_upgrade` of the upgrade wasm: what the referendum decides. */
function authorizeUpgrade() {
  return api.tx.system.authorizeUpgrade(blake2AsHex(upgradeWasm, 256));
}

/**
 * Puts `call` to a referendum on the root track the way a user does: Alice notes its
 * preimage (unless it is on chain already), submits the referendum and places the
 * decision deposit; Alice, Bob, Charlie and Dave vote `aye` (or `voters`, if given). Resolves
 * with the index.
 */
async function referendum(call, aye, origin = { system: 'Root' }, voters = null) {
  const proposal = call.method;
  if ((await api.query.preimage.requestStatusFor(proposal.hash)).isNone) {
    await submitAndWait(api, api.tx.preimage.notePreimage(proposal.toHex()), alice);
  }
  const { events } = await submitAndWait(
    api,
    api.tx.referenda.submit(
      origin,
      { Lookup: { hash: proposal.hash.toHex(), len: proposal.encodedLength } },
      { After: 1 },
    ),
    alice,
  );
  const submitted = events.find((e) => e.section === 'referenda' && e.method === 'Submitted');
  assert.ok(submitted, 'the referendum is submitted');
  const index = submitted.data.index.toNumber();
  const vote = (voter) => submitAndWait(
    api,
    api.tx.convictionVoting.vote(index, { Standard: { vote: { aye, conviction: 'None' }, balance: VOTE } }),
    voter,
  );
  if (voters) {
    await Promise.all([
      submitAndWait(api, api.tx.referenda.placeDecisionDeposit(index), alice),
      ...voters.map(vote),
    ]);
    return index;
  }
  await Promise.all([
    submitAndWait(api, api.tx.referenda.placeDecisionDeposit(index), alice),
    vote(bob), vote(charlie), vote(dave),
  ]);
  await vote(alice);
  return index;
}

/** Waits until referendum `index` is decided; resolves with `Approved` or `Rejected`. */
function outcome(index) {
  return waitFor(`referendum #${index} to be decided`, async () => {
    const info = (await api.query.referenda.referendumInfoFor(index)).unwrap();
    if (info.isApproved) return 'Approved';
    if (info.isRejected) return 'Rejected';
    if (!node.running()) throw new Error(`the node exited:\n${node.log().slice(-4000)}`);
    return null;
  }, { timeoutMs: 600_000, everyMs: 1_000 });
}

test('a runtime upgrade voted down leaves the runtime as it was', async () => {
  assert.equal(await specVersion(), 106);
  const index = await referendum(authorizeUpgrade(), false);
  assert.equal(await outcome(index), 'Rejected');

  assert.ok((await api.query.system.authorizedUpgrade()).isNone, 'nothing was authorised');
  await assert.rejects(
    submitAndWait(api, api.tx.system.applyAuthorizedUpgrade(u8aToHex(upgradeWasm))),
    /1010|Invalid Transaction/,
    'the pool refuses an upgrade no referendum authorised',
  );
  const best = await node.bestNumber();
  await node.waitForBlock(best + 2);
  assert.equal(await specVersion(), 106);
  const last = (await api.query.system.lastRuntimeUpgrade()).unwrap();
  assert.equal(last.specVersion.toNumber(), 106);
});

test('a referendum authorises an upgrade that anyone applies, and mining goes on', async () => {
  assert.equal(await specVersion(), 106);
  const untouched = [eve, ferdie];
  const balancesBefore = await Promise.all(untouched.map(freeBalance));
  const tree = async () => {
    const { leafCount, root } = await api.rpc.shielded.treeState();
    return { leafCount: leafCount.toNumber(), root: root.toHex() };
  };
  const treeBefore = await tree();

  const index = await referendum(authorizeUpgrade(), true);
  assert.equal(await outcome(index), 'Approved');
  const authorized = await waitFor('the enactment of system.authorize_upgrade', async () => {
    const upgrade = await api.query.system.authorizedUpgrade();
    return upgrade.isSome ? upgrade.unwrap() : null;
  });
  assert.equal(authorized.codeHash.toHex(), blake2AsHex(upgradeWasm, 256));
  assert.equal(await specVersion(), 106, 'authorising alone does not upgrade');

  // Another wasm (one byte changed) is not the authorised one: the pool refuses it.
  const wrongWasm = Uint8Array.from(upgradeWasm);
  wrongWasm[wrongWasm.length - 1] ^= 1;
  await assert.rejects(
    submitAndWait(api, api.tx.system.applyAuthorizedUpgrade(u8aToHex(wrongWasm))),
    /1010|Invalid Transaction/,
    'the pool refuses a wasm other than the authorised one',
  );
  assert.ok((await api.query.system.authorizedUpgrade()).isSome, 'the authorisation stands');
  assert.equal(await specVersion(), 106);

  // Anyone may apply it: a bare transaction carrying the wasm, no signature, no fee.
  await submitAndWait(api, api.tx.system.applyAuthorizedUpgrade(u8aToHex(upgradeWasm)));
  await waitFor('spec_version 107', async () => (await specVersion()) === 107);
  // Raw RPC: polkadot.js swaps its metadata at this moment and may misdecode for a while.
  assert.equal(await node.rpc('state_getStorageHash', [CODE_KEY]), blake2AsHex(upgradeWasm, 256),
    'the chain runs the wasm the referendum authorised');

  const upgradedAt = await node.bestNumber();
  await node.waitForBlock(upgradedAt + 3);
  const hash = (await api.rpc.chain.getBlockHash(upgradedAt + 3)).toHex();
  assert.equal(await specVersion(hash), 107, 'blocks mined after the upgrade run the new runtime');
  const last = (await api.query.system.lastRuntimeUpgrade()).unwrap();
  assert.equal(last.specVersion.toNumber(), 107);
  assert.equal(last.specName.toString(), 'sero');
  assert.ok((await api.query.system.authorizedUpgrade()).isNone, 'the authorisation is used up');
  assert.deepEqual(await Promise.all(untouched.map(freeBalance)), balancesBefore, 'balances unchanged');
  assert.deepEqual(await tree(), treeBefore, 'shielded pool unchanged');
});

test('the committee whitelists a call and a whitelisted-caller referendum dispatches it', async () => {
  // The call: a root-only balance change of a fresh account.
  const target = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Whitelisted').address;
  const call = api.tx.balances.forceSetBalance(target, 7n * SERO);
  const callHash = call.method.hash.toHex();

  // Not whitelisted yet: the whitelisted-caller origin cannot dispatch it.
  assert.ok((await api.query.whitelist.whitelistedCall(callHash)).isNone);
  // Two thirds of the technical committee (Alice proposes; she and Bob vote aye) whitelist it.
  const whitelist = api.tx.whitelist.whitelistCall(callHash);
  const length = whitelist.method.encodedLength;
  const { events } = await submitAndWait(api, api.tx.technicalCommittee.propose(2, whitelist, length), alice);
  const proposed = events.find((e) => e.section === 'technicalCommittee' && e.method === 'Proposed');
  assert.ok(proposed, 'the motion is proposed');
  const { proposalIndex, proposalHash } = proposed.data;
  // A motion counts no vote of its proposer's until it is cast.
  await submitAndWait(api, api.tx.technicalCommittee.vote(proposalHash, proposalIndex, true), alice);
  await submitAndWait(api, api.tx.technicalCommittee.vote(proposalHash, proposalIndex, true), bob);
  const closed = await submitAndWait(
    api,
    api.tx.technicalCommittee.close(proposalHash, proposalIndex, { refTime: 1_000_000_000_000n, proofSize: 1_000_000n }, length),
    charlie,
  );
  assert.ok(closed.events.some((e) => e.section === 'whitelist' && e.method === 'CallWhitelisted'), 'whitelisted');

  // A referendum on the whitelisted-caller track passes and dispatches it as root.
  // Bob's 900,000 SERO carry the track's lower support threshold on their own (more voters
  // could find it decided before they vote).
  const index = await referendum(
    api.tx.whitelist.dispatchWhitelistedCallWithPreimage(call),
    true,
    { Governance: 'WhitelistedCaller' },
    [bob],
  );
  assert.equal(await outcome(index), 'Approved');
  await waitFor('the whitelisted call to be dispatched', async () =>
    (await api.query.system.account(target)).data.free.toBigInt() === 7n * SERO);
  assert.ok((await api.query.whitelist.whitelistedCall(callHash)).isNone, 'the whitelisting is used up');
});
