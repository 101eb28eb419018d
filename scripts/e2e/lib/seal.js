// Reading and writing SERO block seals (SCALE `Seal::V1 { nonce, mix_hash, votes,
// signature }`) and the pre-hash ProgPoW is computed over.

import { u8aToHex, hexToU8a, u8aConcat, stringToU8a } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';

/** The PoW consensus engine id, as in the header's digest. */
export const POW_ENGINE = 'pow_';

/** Splits a header into its seal bytes and the pre-hash of the header without the seal. */
export function splitSeal(api, header) {
  const logs = header.digest.logs.toArray();
  const last = logs[logs.length - 1];
  if (!last?.isSeal) throw new Error(`block #${header.number} has no seal`);
  const [engine, data] = last.asSeal;
  if (engine.toUtf8() !== POW_ENGINE) throw new Error(`unexpected seal engine ${engine.toUtf8()}`);
  const preHeader = api.createType('Header', {
    parentHash: header.parentHash,
    number: header.number,
    stateRoot: header.stateRoot,
    extrinsicsRoot: header.extrinsicsRoot,
    digest: { logs: logs.slice(0, -1) },
  });
  return { sealBytes: data.toU8a(true), preHash: preHeader.hash.toHex() };
}

/** Decodes seal bytes: version 1, nonce (u64 LE), mix hash, the number of votes, signature. */
export function decodeSeal(bytes) {
  if (bytes[0] !== 1) throw new Error(`unknown seal version ${bytes[0]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nonce = view.getBigUint64(1, true);
  const mixHash = u8aToHex(bytes.slice(9, 41));
  // SCALE compact length: fewer than 64 votes fit its one-byte form.
  const votesLen = bytes[41] >> 2;
  const signature = bytes.slice(bytes.length - 64);
  return { nonce, mixHash, votesLen, signature, length: bytes.length };
}

/** The nonce, mix hash and votes of a seal, SCALE-encoded. */
function sealBody(nonce, mixHashHex, votes) {
  const nonceBytes = new Uint8Array(8);
  new DataView(nonceBytes.buffer).setBigUint64(0, BigInt.asUintN(64, nonce), true);
  // SCALE compact length (fewer than 64 votes: one byte).
  const encodedVotes = votes.flatMap(({ position, signature }) => [[position], signature]);
  return u8aConcat(nonceBytes, hexToU8a(mixHashHex), [votes.length << 2], ...encodedVotes);
}

/**
 * Encodes a version-1 seal; `votes` is a list of `{ position, signature }` (a draw position
 * and 64 bytes), empty by default; `signature` the author's (64 zero bytes by default).
 */
export function encodeSeal(nonce, mixHashHex, votes = [], signature = new Uint8Array(64)) {
  return u8aConcat([1], sealBody(nonce, mixHashHex, votes), signature);
}

/**
 * Encodes a version-1 seal signed by `pair` (the block's author, sr25519) as the node signs
 * it: over BLAKE2b-256("SERO_seal" ‖ pre-hash ‖ nonce ‖ mix hash ‖ votes).
 */
export function signedSeal(pair, preHashHex, nonce, mixHashHex, votes = []) {
  const message = blake2AsU8a(
    u8aConcat(stringToU8a('SERO_seal'), hexToU8a(preHashHex), sealBody(nonce, mixHashHex, votes)),
    256,
  );
  return encodeSeal(nonce, mixHashHex, votes, pair.sign(message));
}

/** The nonce as `sero-node pow hash` takes it: 16 hex digits, big-endian. */
export function nonceHex(nonce) {
  return nonce.toString(16).padStart(16, '0');
}

/** Whether `finalHashHex` × difficulty stays below 2^256. */
export function meetsDifficulty(finalHashHex, difficulty) {
  const hash = BigInt(finalHashHex.startsWith('0x') ? finalHashHex : `0x${finalHashHex}`);
  return hash * BigInt(difficulty) < 1n << 256n;
}

/**
 * A copy of `signedBlock`'s block whose seal is replaced by `sealBytes` (and its number by
 * `number`, if given), SCALE-encoded.
 */
export function withSeal(api, block, sealBytes, number = block.header.number) {
  const logs = block.header.digest.logs.toArray().slice(0, -1);
  logs.push(api.createType('DigestItem', { Seal: [POW_ENGINE, u8aToHex(sealBytes)] }));
  const header = api.createType('Header', {
    parentHash: block.header.parentHash,
    number,
    stateRoot: block.header.stateRoot,
    extrinsicsRoot: block.header.extrinsicsRoot,
    digest: { logs },
  });
  const tampered = api.createType('Block', { header, extrinsics: block.extrinsics });
  return { bytes: tampered.toHex(), hash: header.hash.toHex() };
}
