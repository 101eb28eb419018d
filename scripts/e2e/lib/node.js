// Starts and stops real `sero-node` processes for the end-to-end tests.

import { spawn, execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer } from 'node:net';
import { mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { seroRpc, seroTypes } from './rpc-definitions.js';

/** Path of the node binary: $SERO_NODE, or the shared cargo target directory's debug build. */
export const NODE_BIN =
  process.env.SERO_NODE ??
  join(process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache', 'sero-target'), 'debug', 'sero-node');

/** The wallet binary (the same build as the node). */
export const WALLET_BIN =
  process.env.SERO_WALLET ??
  join(process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache', 'sero-target'), 'debug', 'sero-wallet');

/**
 * The runtime the governance test upgrades to: this runtime with spec_version + 1, which
 * the runtime's build script builds beside the node's (feature `upgrade-test`).
 */
export const UPGRADE_WASM =
  process.env.SERO_UPGRADE_WASM ??
  join(
    process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache', 'sero-target'),
    'debug', 'wbuild', 'sero-runtime', 'sero_runtime_upgrade_test.wasm',
  );

/** A free TCP port on the loopback interface. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const execFileAsync = promisify(execFile);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a truthy value, or fails after `timeoutMs` with `what`. */
export async function waitFor(what, check, { timeoutMs = 300_000, everyMs = 500 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** A running `sero-node` with its log file and an @polkadot/api connection. */
export class SeroNode {
  constructor(name, args) {
    this.name = name;
    this.args = args;
    this.dir = mkdtempSync(join(tmpdir(), `sero-${name}-`));
    this.logPath = join(this.dir, 'node.log');
  }

  /** Starts the node on free ports and connects an ApiPromise. */
  async start() {
    this.rpcPort = await freePort();
    this.p2pPort = await freePort();
    const log = openSync(this.logPath, 'a');
    this.process = spawn(
      NODE_BIN,
      [
        ...this.args,
        '--rpc-port', String(this.rpcPort),
        '--no-prometheus',
        '--no-telemetry',
        '--no-mdns',
        '--listen-addr', `/ip4/127.0.0.1/tcp/${this.p2pPort}`,
      ],
      { stdio: ['ignore', log, log] },
    );
    this.exited = new Promise((resolve) => this.process.on('exit', (code, signal) => resolve({ code, signal })));
    this.provider = new WsProvider(`ws://127.0.0.1:${this.rpcPort}`, 1000, {}, 60_000);
    const failed = (why) => new Error(`${this.name} ${why}; its log:\n${this.log().slice(-4000)}`);
    let timer;
    try {
      this.api = await Promise.race([
        ApiPromise.create({ provider: this.provider, rpc: seroRpc, types: seroTypes, noInitWarn: true }),
        this.exited.then(({ code, signal }) => { throw failed(`exited (code ${code}, signal ${signal})`); }),
        new Promise((_, reject) => { timer = setTimeout(() => reject(failed('did not serve RPC within 5 minutes')), 300_000); }),
      ]);
    } catch (error) {
      await this.provider.disconnect().catch(() => {});
      await this.stop();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    return this;
  }

  /** A raw JSON-RPC call, for results polkadot.js would decode (such as `null`). */
  rpc(method, params = []) {
    return this.provider.send(method, params);
  }

  /** The node's log so far. */
  log() {
    return readFileSync(this.logPath, 'utf8');
  }

  /** Whether the node process is still running. */
  running() {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** The best block number. */
  async bestNumber() {
    return (await this.api.rpc.chain.getHeader()).number.toNumber();
  }

  /** Waits until the best block number reaches `n`. */
  async waitForBlock(n, timeoutMs = 600_000) {
    return waitFor(`${this.name} to reach block #${n}`, async () => {
      if (!this.running()) throw new Error(`${this.name} exited:\n${this.log().slice(-4000)}`);
      return (await this.bestNumber()) >= n;
    }, { timeoutMs });
  }

  /** Kills the node with SIGKILL, as a crash or `kill -9` would: no clean shutdown. */
  async kill() {
    await this.api?.disconnect().catch(() => {});
    if (this.running()) {
      this.process.kill('SIGKILL');
      await this.exited;
    }
  }

  /** The node's address for `--bootnodes`. */
  async address() {
    const peerId = (await this.api.rpc.system.localPeerId()).toString();
    return `/ip4/127.0.0.1/tcp/${this.p2pPort}/p2p/${peerId}`;
  }

  /** Disconnects and stops the node. */
  async stop() {
    await this.api?.disconnect().catch(() => {});
    if (this.running()) {
      this.process.kill('SIGINT');
      const killer = setTimeout(() => this.process.kill('SIGKILL'), 30_000);
      await this.exited;
      clearTimeout(killer);
    }
  }
}

/**
 * Starts a non-mining node (with `args`) that imports `miner`'s chain, waits until it has
 * the miner's best block, then stops the miner: timings on the follower share the cores
 * with nothing.
 */
export async function followThenStop(miner, name, args = []) {
  await miner.waitForBlock((await miner.bestNumber()) + 1);
  const follower = await follow(miner, name, args);
  const tip = await miner.bestNumber();
  await follower.waitForBlock(tip);
  await miner.stop();
  return { follower, tip };
}

/** Starts a non-mining dev node `name` (with `args`) connected to `node`. */
export async function follow(node, name, args = []) {
  const peerId = (await node.api.rpc.system.localPeerId()).toString();
  return new SeroNode(name, [
    '--dev', '--tmp', '--mining-threads', '0',
    '--bootnodes', `/ip4/127.0.0.1/tcp/${node.p2pPort}/p2p/${peerId}`,
    ...args,
  ]).start();
}

/**
 * Runs `sero-wallet --json` on the wallet directory `dir` against the node at `endpoint`
 * (the keystore password is $SERO_WALLET_PASSWORD, set here); resolves with its parsed
 * output, or rejects with the process error (its `stdout` holds `{"error": …}`).
 */
export async function runWallet(dir, endpoint, args, env = {}) {
  const nodeArgs = args.includes('--node') ? [] : ['--node', endpoint];
  const { stdout } = await execFileAsync(WALLET_BIN, ['--json', '--wallet', dir, ...nodeArgs, ...args], {
    env: { ...process.env, SERO_WALLET_PASSWORD: 'e2e password', ...env },
    maxBuffer: 1 << 26,
  });
  return JSON.parse(stdout);
}

/** Runs `sero-node pow hash` and returns its parsed JSON. */
export function powHash(height, headerHashHex, nonceHex) {
  const out = execFileSync(NODE_BIN, [
    'pow', 'hash', '--height', String(height), '--header-hash', headerHashHex, '--nonce', nonceHex,
  ], { encoding: 'utf8' });
  return JSON.parse(out.trim());
}

/**
 * Submits `tx` (signed by `signer`, or bare without one) and resolves with `{ block, events }`
 * once it is in a block; rejects if the pool refuses or drops it, or if it fails to dispatch.
 */
export function submitAndWait(api, tx, signer) {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    const done = (f, value) => { unsubscribe(); f(value); };
    const handle = ({ status, events, dispatchError }) => {
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        done(reject, new Error(`transaction ${status.type}`));
      } else if (status.isInBlock) {
        if (dispatchError) {
          const error = dispatchError.isModule ? api.registry.findMetaError(dispatchError.asModule) : null;
          done(reject, new Error(`dispatch failed: ${error ? `${error.section}.${error.name}` : dispatchError.toString()}`));
        } else {
          done(resolve, { block: status.asInBlock, events: events.map(({ event }) => event) });
        }
      }
    };
    (signer ? tx.signAndSend(signer, handle) : tx.send(handle))
      .then((unsub) => { unsubscribe = unsub; })
      .catch(reject);
  });
}

/** `count` transfers from each of `senders`, signed now with immortal eras and explicit nonces. */
export async function preSign(api, senders, count, to) {
  const signed = [];
  for (const sender of senders) {
    const first = (await api.rpc.system.accountNextIndex(sender.address)).toNumber();
    const chain = [];
    for (let i = 0; i < count; i++) {
      const tx = api.tx.balances.transferKeepAlive(to, 1000n + BigInt(i));
      chain.push((await tx.signAsync(sender, { nonce: first + i, era: 0 })).toHex());
    }
    signed.push(chain);
  }
  return signed;
}

/** Submits raw extrinsics in order over `provider`; resolves with `{ accepted, refused }` hashes and errors. */
export async function submitAll(provider, extrinsics) {
  const accepted = [];
  const refused = [];
  for (const xt of extrinsics) {
    try {
      accepted.push(await provider.send('author_submitExtrinsic', [xt]));
    } catch (error) {
      refused.push(error.message);
    }
  }
  return { accepted, refused };
}

/** Alice pays `amount` to each of `accounts` (pre-signed, submitted at once) and waits for the last. */
export async function fundAccounts(node, alice, accounts, amount) {
  const { api } = node;
  const first = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
  const funding = [];
  for (const [i, account] of accounts.entries()) {
    const tx = api.tx.balances.transferKeepAlive(account.address, amount);
    funding.push((await tx.signAsync(alice, { nonce: first + i, era: 0 })).toHex());
  }
  const { refused } = await submitAll(node.provider, funding);
  if (refused.length) throw new Error(`funding refused: ${refused.join('; ')}`);
  await waitFor('the accounts to be funded', async () =>
    (await api.query.system.account(accounts[accounts.length - 1].address)).data.free.toBigInt() > 0n,
  { timeoutMs: 600_000 });
}
