// PoS votes end to end: a miner, a solo voter and a StakingNode operator on loopback. Bob
// registers a StakingNode with sero-wallet; Alice buys shares through polkadot.js naming the
// voter's key, Charlie buys shares through Bob's node with sero-wallet. The miner asks for
// the votes of each block's drawn shares over the votes gossip protocol, the voter and the
// operator sign with the keys in their keystores, and blocks carry the votes; the runtime
// settles the drawn shares Voted and pays principal and reward, the node its fee. Once
// NeedTwoVote holds, a block whose votes were stripped or forged is rejected at import and
// not stored: re-signed by the author it breaks the vote rules; with the author's signature
// left as it was it is not the signed seal. Then the solo voter stops: its drawn shares are
// Missed and the chain goes on with the node's votes. Bob raises his fee, and a buyer
// accepting less is refused. Dave's wallet buys shares privately
// from its notes, through Bob's node: its change and its payouts come back as notes the
// wallet finds.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { SeroNode, waitFor, submitAndWait, runWallet } from './lib/node.js';
import { splitSeal, decodeSeal, encodeSeal, signedSeal, withSeal } from './lib/seal.js';

const SERO = 10n ** 18n;
/** Shares Alice buys solo and Charlie through Bob's node: enough for every block of the
 * test to draw three. */
const SHARES = 150;
/** Charlie's purchase through Bob's node, then Alice's solo one, then Dave's wallet's
 * private one through Bob's node. */
const NODE_PURCHASE = 0;
const SOLO_PURCHASE = 1;
const PRIVATE_PURCHASE = 2;
/** The shares of the private purchase. */
const PRIVATE_SHARES = 30;
/** The fee of Bob's node, in basis points. */
const FEE_BPS = 3000;
/** The dev preset's NeedTwoVote threshold and window (runtime/src/genesis_config_presets.rs). */
const NEED_TWO_VOTES_FROM = 6;
const MISS_WINDOW = 10;

const nodes = [];
const walletDir = mkdtempSync(join(tmpdir(), 'sero-votes-wallet-'));
const privateDir = mkdtempSync(join(tmpdir(), 'sero-votes-private-'));
after(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
  for (const dir of [walletDir, privateDir]) rmSync(dir, { recursive: true, force: true });
});

/** The votes in a block's seal: `[{ position, signature }]`. */
function sealVotes(api, header) {
  const { sealBytes } = splitSeal(api, header);
  const { votesLen } = decodeSeal(sealBytes);
  const votes = [];
  for (let i = 0; i < votesLen; i++) {
    const at = 42 + i * 65;
    votes.push({ position: sealBytes[at], signature: sealBytes.slice(at + 1, at + 65) });
  }
  return votes;
}

/**
 * Checks, at the best block, that the pool's totals reconcile from its events since genesis:
 * every purchase's price is held now or was paid back (held + paid back = bought, and the
 * holds are exactly the unpaid principal of each purchase); the rewards and fees of the
 * votes were paid or are waiting in the payout queue; and the notes the private purchase
 * was paid are exactly the change and payout notes its wallet found.
 */
async function reconcile(api, privateWallet) {
  const hash = await api.rpc.chain.getBlockHash();
  const at = await api.at(hash);
  const upTo = (await api.rpc.chain.getHeader(hash)).number.toNumber();
  let bought = 0n;
  let paidBack = 0n;
  let voteRewards = 0n;
  let paidRewards = 0n;
  const privateNotes = [];
  const pool = api.events.sharePool;
  for (let b = 1; b <= upTo; b++) {
    const events = (await (await api.at(await api.rpc.chain.getBlockHash(b))).query.system.events());
    for (const { event: e } of events) {
      if (pool.SharesBought.is(e)) bought += BigInt(e.data.count.toNumber()) * e.data.priceEach.toBigInt();
      else if (pool.SharesExpired.is(e)) paidBack += e.data.principal.toBigInt();
      else if (pool.ShareVoted.is(e)) voteRewards += e.data.reward.toBigInt() + e.data.fee.toBigInt();
      else if (pool.SharePaid.is(e)) {
        paidBack += e.data.principal.toBigInt();
        paidRewards += e.data.reward.toBigInt() + e.data.fee.toBigInt();
      } else if (pool.PaidIntoNote.is(e) && e.data.id.toNumber() === PRIVATE_PURCHASE) {
        privateNotes.push(e.data.value.toBigInt());
      }
    }
  }

  // The holds: on the buyers' accounts, and private purchases' on the pallet's account.
  const poolAccount = u8aConcat(stringToU8a('modl'), stringToU8a('sero/shp'), new Uint8Array(20));
  const holders = new Set([u8aToHex(poolAccount)]);
  let unpaid = 0n;
  for (const [, p] of await at.query.sharePool.purchases.entries()) {
    const { owner, count, expired, paid, priceEach } = p.unwrap();
    if (owner.isAccount) holders.add(owner.asAccount.toHex());
    unpaid += BigInt(count.toNumber() - expired.toNumber() - paid.toNumber()) * priceEach.toBigInt();
  }
  let held = 0n;
  for (const who of holders) {
    for (const { id, amount } of await at.query.balances.holds(who)) {
      if (/sharePool/i.test(id.toString())) held += amount.toBigInt();
    }
  }
  assert.ok(bought > 0n && paidBack > 0n, `bought ${bought}, paid back ${paidBack}`);
  assert.equal(held + paidBack, bought, 'held + paid back = bought');
  assert.equal(held, unpaid, 'the holds are the purchases\' unpaid principal');

  let waiting = 0n;
  for (const [, due] of await at.query.sharePool.payouts.entries()) {
    for (const { reward, fee } of due) waiting += reward.toBigInt() + fee.toBigInt();
  }
  assert.ok(paidRewards > 0n);
  assert.equal(paidRewards + waiting, voteRewards, 'rewards paid + waiting = the votes\' rewards');

  const found = (await privateWallet('history')).notes
    .filter((n) => n.type === 'received' && n.block <= upTo && n.memo.startsWith('SERO share pool: '))
    .map((n) => BigInt(n.value));
  const sorted = (values) => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  assert.deepEqual(sorted(found), sorted(privateNotes), 'the wallet found every note the pool paid');
}

test('voters sign for their drawn shares, blocks carry the votes, and bad votes are refused', async () => {
  const miner = await new SeroNode('miner', ['--dev', '--tmp', '--mining-threads', '1']).start();
  nodes.push(miner);
  await miner.waitForBlock(1);
  const peerId = (await miner.api.rpc.system.localPeerId()).toString();
  const voterNode = (name) => new SeroNode(name, [
    '--dev', '--tmp', '--mining-threads', '0', '--vote',
    '--bootnodes', `/ip4/127.0.0.1/tcp/${miner.p2pPort}/p2p/${peerId}`,
  ]).start();
  const voter = await voterNode('voter');
  nodes.push(voter);
  const operator = await voterNode('operator');
  nodes.push(operator);

  const keyring = new Keyring({ type: 'sr25519' });
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');
  const voteKey = keyring.addFromUri('//SeroVoter');
  const nodeKey = keyring.addFromUri('//SeroNode');
  // author_insertKey is unsafe RPC, served on a node listening on localhost.
  await voter.rpc('author_insertKey', ['svot', '//SeroVoter', u8aToHex(voteKey.publicKey)]);
  await operator.rpc('author_insertKey', ['svot', '//SeroNode', u8aToHex(nodeKey.publicKey)]);

  const { api } = miner;
  const wallet = (...args) => runWallet(walletDir, `ws://127.0.0.1:${miner.rpcPort}`, args);
  // Bob registers a StakingNode voting with the operator's key; Charlie delegates to it.
  const registered = await wallet('staking-node', 'register', '--from', '//Bob',
    '--vote-key', nodeKey.address, '--fee-bps', String(FEE_BPS), '--name', 'bob-node');
  assert.equal(registered.node, 0);
  await assert.rejects(
    wallet('staking-node', 'register', '--from', '//Bob', '--vote-key', nodeKey.address,
      '--fee-bps', '7501', '--name', 'greedy'),
    (e) => /FeeOutOfRange/.test(e.stdout),
    'a fee above 75 % is refused with the pallet error',
  );
  const bought = await wallet('shares', 'buy', String(SHARES), '--from', '//Charlie', '--staking-node', '0');
  assert.equal(bought.purchase.voter.stakingNode, 0);
  assert.equal(bought.purchase.voter.feeBps, FEE_BPS);
  const { block: boughtIn } = await submitAndWait(
    api,
    api.tx.sharePool.buyShares(SHARES, { Solo: voteKey.publicKey }, 0, BigInt(SHARES) * 3n * SERO),
    alice,
  );
  const boughtAt = (await api.rpc.chain.getHeader(boughtIn)).number.toNumber();

  // Dave's wallet pays for shares from its notes: the purchase is owned by a one-time
  // address of the wallet's, and the margin above the price comes back as a note.
  const priv = (...args) => runWallet(privateDir, `ws://127.0.0.1:${miner.rpcPort}`, args);
  await priv('restore', '--seed', '55'.repeat(32));
  await priv('shield', '200', '--from', '//Dave');
  const privately = await priv('shares', 'buy', String(PRIVATE_SHARES), '--private', '--staking-node', '0');
  assert.equal(privately.purchase.id, PRIVATE_PURCHASE);
  assert.match(privately.purchase.owner, /^0x[0-9a-f]{192}$/, 'owned by a one-time address');
  assert.deepEqual((await priv('shares', 'list', '--private')).purchases.map((p) => p.id), [PRIVATE_PURCHASE]);
  const change = (await priv('history')).notes.filter((n) => n.memo === 'SERO share pool: change');
  assert.equal(change.length, 1, 'the change came back as a note');
  const paidPrivately = BigInt(privately.total) + BigInt(change[0].value);
  const [nodeRecord] = (await wallet('staking-node', 'list')).nodes;
  assert.deepEqual(
    [nodeRecord.name, nodeRecord.operator, nodeRecord.feeBps, nodeRecord.shares, nodeRecord.state],
    ['bob-node', bob.address, FEE_BPS, SHARES + PRIVATE_SHARES, 'open'],
  );
  // Bob raises his fee: it applies to new shares only, and not to a buyer who accepts less.
  await wallet('staking-node', 'update', '0', '--from', '//Bob', '--fee-bps', String(FEE_BPS + 500));
  await assert.rejects(
    wallet('shares', 'buy', '1', '--from', '//Ferdie', '--staking-node', '0', '--max-fee-bps', String(FEE_BPS)),
    (e) => /FeeAboveLimit/.test(e.stdout),
    'a fee above the buyer\'s limit is refused',
  );
  assert.equal((await wallet('staking-node', 'list')).nodes[0].feeBps, FEE_BPS + 500);

  // The RPC's pool is the purchases' shares not yet settled, at the block it answers from.
  const status = await miner.rpc('sharePool_status', []);
  const statusAt = await api.at(status.block);
  let unsettled = 0;
  for (const id of [NODE_PURCHASE, SOLO_PURCHASE, PRIVATE_PURCHASE]) {
    const p = (await statusAt.query.sharePool.purchases(id)).unwrap();
    unsettled += p.count.toNumber() - p.voted.toNumber() - p.missed.toNumber() - p.expired.toNumber();
  }
  assert.equal(status.inPool + status.pending, unsettled, 'the RPC counts every purchase');
  const [rpcNode] = await miner.rpc('stakingNodes_list', []);
  assert.equal(rpcNode.voteKey, u8aToHex(nodeKey.publicKey));

  // Blocks after the shares entered the pool carry the voter's votes.
  const voted = await waitFor('a block carrying votes', async () => {
    const header = await api.rpc.chain.getHeader();
    for (let n = boughtAt + 1; n <= header.number.toNumber(); n++) {
      const h = await api.rpc.chain.getHeader(await api.rpc.chain.getBlockHash(n));
      if (sealVotes(api, h).length > 0) return h;
    }
    return null;
  }, { timeoutMs: 300_000, everyMs: 1000 });
  for (const [who, log] of [['voter', voter], ['operator', operator]]) {
    await waitFor(`the ${who} to vote`, () => /Voting for block #/.test(log.log()), { timeoutMs: 300_000 });
  }
  assert.ok(/drawn share\(s\) voted/.test(miner.log()), 'the miner logs the votes it collected');

  // The next block settles the draw: each drawn share that voted is Voted.
  const n = voted.number.toNumber();
  await miner.waitForBlock(n + 1);
  const settledIn = await api.at(await api.rpc.chain.getBlockHash(n + 1));
  const events = (await settledIn.query.system.events()).map(({ event }) => event);
  const votedEvents = events.filter((e) => api.events.sharePool.ShareVoted.is(e));
  assert.equal(votedEvents.length, sealVotes(api, voted).length, 'one ShareVoted per vote carried');
  assert.ok(votedEvents.every((e) => e.data.block.toNumber() === n && e.data.reward.toBigInt() > 0n));
  // Solo shares pay no fee; the node's shares pay Bob's node its fee.
  assert.ok(votedEvents.every((e) => (e.data.id.toNumber() === SOLO_PURCHASE) === (e.data.fee.toBigInt() === 0n)));

  // The voter stays connected and votes for every block: NeedTwoVote switches on once a
  // window's worth of blocks carried their votes.
  const needTwo = await waitFor('NeedTwoVote to hold', async () => {
    const at = await api.at(await api.rpc.chain.getBlockHash());
    const missed = (await at.query.sharePool.missedInWindow()).toNumber();
    return missed * 5 <= MISS_WINDOW * 3 ? at : null;
  }, { timeoutMs: 600_000, everyMs: 1000 });
  assert.ok(needTwo);

  // A block whose parent holds NeedTwoVote: copies re-signed by the author with one vote or
  // with a forged vote are refused by the runtime's vote rules, a copy with a subset of the
  // votes under the original signature by the signature check.
  // Its child's check settles the parent's draw first (up to three more missed votes) and
  // draws three more shares: the parent must have room for both.
  const best = await waitFor('a fully voted block whose parent holds NeedTwoVote', async () => {
    const header = await api.rpc.chain.getHeader();
    const parentAt = await api.at(header.parentHash);
    const missed = (await parentAt.query.sharePool.missedInWindow()).toNumber();
    let inPool = 0;
    for (const id of [NODE_PURCHASE, SOLO_PURCHASE, PRIVATE_PURCHASE]) {
      const p = (await parentAt.query.sharePool.purchases(id)).unwrap();
      inPool += p.count.toNumber() - p.voted.toNumber() - p.missed.toNumber() - p.expired.toNumber();
    }
    return sealVotes(api, header).length === 3 &&
      (missed + 3) * 5 <= MISS_WINDOW * 3 &&
      inPool >= NEED_TWO_VOTES_FROM + 6 ? header : null;
  }, { timeoutMs: 300_000, everyMs: 500 });
  const signed = await api.rpc.chain.getBlock(best.hash);
  const { sealBytes, preHash } = splitSeal(api, best);
  const seal = decodeSeal(sealBytes);
  const votes = sealVotes(api, best);
  const forged = votes.map((v, i) => (i === 0 ? { ...v, signature: v.signature.map((b) => b ^ 1) } : v));
  for (const [what, bytes, reason] of [
    ['one vote where two are needed', signedSeal(alice, preHash, seal.nonce, seal.mixHash, votes.slice(0, 1)), /valid vote\(s\) where the share pool requires 2/],
    ['a forged vote', signedSeal(alice, preHash, seal.nonce, seal.mixHash, forged), /not signed by the drawn share's vote key/],
    ['votes stripped by a third party', encodeSeal(seal.nonce, seal.mixHash, votes.slice(0, 2), seal.signature), /the seal is not signed by the block's author/],
  ]) {
    const tampered = withSeal(api, signed.block, bytes);
    await assert.rejects(api.rpc.pow.submitBlock(tampered.bytes), /rejected/, `${what}: refused`);
    assert.equal(await miner.rpc('chain_getHeader', [tampered.hash]), null, `${what}: not stored`);
    await waitFor(`the log line ${reason}`, () => reason.test(miner.log()), { timeoutMs: 60_000 });
  }

  // Voted shares are paid principal and reward after the payout period; the node's
  // shares pay Bob their fee.
  const bobBefore = (await api.query.system.account(bob.address)).data.free.toBigInt();
  const paid = [];
  let seen = 0;
  await waitFor('payouts of every purchase with rewards', async () => {
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    for (; seen < best; seen++) {
      const at = await api.at(await api.rpc.chain.getBlockHash(seen + 1));
      const events = (await at.query.system.events()).map(({ event }) => event);
      for (const e of events) {
        if (api.events.sharePool.SharePaid.is(e) && e.data.reward.toBigInt() > 0n) paid.push(e.data);
      }
    }
    return [NODE_PURCHASE, SOLO_PURCHASE, PRIVATE_PURCHASE]
      .every((id) => paid.some((d) => d.id.toNumber() === id));
  }, { timeoutMs: 600_000, everyMs: 2000 });
  assert.ok(paid.every((d) => (d.id.toNumber() !== SOLO_PURCHASE) === (d.fee.toBigInt() > 0n)));
  // The private purchase's payouts are notes of Dave's wallet: principal and reward each.
  const privatePaid = paid.filter((d) => d.id.toNumber() === PRIVATE_PURCHASE);
  const payoutNotes = (await priv('history')).notes.filter((n) => n.memo === 'SERO share pool: payout');
  assert.ok(payoutNotes.length >= privatePaid.length, `${payoutNotes.length} payout notes found`);
  for (const d of privatePaid) {
    const value = d.principal.toBigInt() + d.reward.toBigInt();
    assert.ok(payoutNotes.some((n) => BigInt(n.value) === value), `a note of ${value}`);
  }
  assert.ok(paidPrivately > 0n);
  await reconcile(api, priv);
  const bobAfter = (await api.query.system.account(bob.address)).data.free.toBigInt();
  assert.ok(bobAfter > bobBefore, 'the operator was paid fees');
  const listed = (await wallet('shares', 'list', '--owner', '//Charlie')).purchases;
  assert.equal(listed.length, 1);
  assert.ok(listed[0].voted > 0 && listed[0].voteKey === u8aToHex(nodeKey.publicKey));

  // The solo voter stops: Alice's drawn shares are Missed, and the chain goes on with the
  // node's votes (a block drawing two of Alice's shares cannot have two votes while
  // NeedTwoVote holds; the miner tries other nonces, that is other draws).
  const missedBefore = (await (await api.at(await api.rpc.chain.getBlockHash())).query.sharePool.purchases(SOLO_PURCHASE)).unwrap().missed.toNumber();
  const stoppedAt = await miner.bestNumber();
  await voter.stop();
  await waitFor('a share of the stopped voter missed', async () => {
    const p = (await (await api.at(await api.rpc.chain.getBlockHash())).query.sharePool.purchases(SOLO_PURCHASE)).unwrap();
    return p.missed.toNumber() > missedBefore;
  }, { timeoutMs: 300_000, everyMs: 1000 });
  await miner.waitForBlock(stoppedAt + 5);
  const purchase = (await (await api.at(await api.rpc.chain.getBlockHash())).query.sharePool.purchases(SOLO_PURCHASE)).unwrap();
  assert.ok(purchase.voted.toNumber() >= 3 * 4, `${purchase.voted} shares voted`);
});
