//! Keccak as ethash and ProgPoW use it: Keccak-256 and Keccak-512 (original padding)
//! and the bare Keccak-f[800] permutation.

use tiny_keccak::{Hasher, Keccak};

/// Keccak-f[800] round constants: the low 32 bits of Keccak's 64-bit constants.
const ROUND_CONSTANTS: [u32; 22] = [
	0x0000_0001,
	0x0000_8082,
	0x0000_808a,
	0x8000_8000,
	0x0000_808b,
	0x8000_0001,
	0x8000_8081,
	0x0000_8009,
	0x0000_008a,
	0x0000_0088,
	0x8000_8009,
	0x8000_000a,
	0x8000_808b,
	0x0000_008b,
	0x0000_8089,
	0x0000_8003,
	0x0000_8002,
	0x0000_0080,
	0x0000_800a,
	0x8000_000a,
	0x8000_8081,
	0x0000_8080,
];

/// Rotation offsets of the ρ step, in the order the π step visits the lanes.
const RHO: [u32; 24] =
	[1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44];

/// The lane the π step moves each visited lane to.
const PI: [usize; 24] =
	[10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1];

/// The Keccak-f[800] permutation: 22 rounds over 25 lanes of 32 bits.
pub fn keccak_f800(state: &mut [u32; 25]) {
	for rc in ROUND_CONSTANTS {
		// θ
		let mut column = [0u32; 5];
		for (x, c) in column.iter_mut().enumerate() {
			*c = state[x] ^ state[x + 5] ^ state[x + 10] ^ state[x + 15] ^ state[x + 20];
		}
		for x in 0..5 {
			let d = column[(x + 4) % 5] ^ column[(x + 1) % 5].rotate_left(1);
			for y in (0..25).step_by(5) {
				state[y + x] ^= d;
			}
		}
		// ρ and π
		let mut carried = state[1];
		for (rho, pi) in RHO.iter().zip(PI) {
			let next = state[pi];
			state[pi] = carried.rotate_left(rho % 32);
			carried = next;
		}
		// χ
		for y in (0..25).step_by(5) {
			let row = [state[y], state[y + 1], state[y + 2], state[y + 3], state[y + 4]];
			for x in 0..5 {
				state[y + x] = row[x] ^ (!row[(x + 1) % 5] & row[(x + 2) % 5]);
			}
		}
		// ι
		state[0] ^= rc;
	}
}

/// Keccak-256 of `data`.
pub fn keccak_256(data: &[u8]) -> [u8; 32] {
	let mut hasher = Keccak::v256();
	hasher.update(data);
	let mut out = [0u8; 32];
	hasher.finalize(&mut out);
	out
}

/// Keccak-512 of a 512-bit item given as little-endian 32-bit words, returned the
/// same way.
///
/// A 64-byte message fits in one block of Keccak-512's 72-byte rate, so this is a
/// single Keccak-f[1600] permutation: the item's eight 64-bit lanes, the padding
/// bits (`0x01` after the message, `0x80` in the rate's last byte), permute,
/// squeeze eight lanes. Equal to [`keccak_512`] over the item's bytes (tested).
pub fn keccak_512_words(words: &[u32; 16]) -> [u32; 16] {
	let mut state = [0u64; 25];
	for (lane, pair) in state.iter_mut().zip(words.chunks_exact(2)) {
		*lane = u64::from(pair[0]) | u64::from(pair[1]) << 32;
	}
	state[8] = 0x01;
	state[8] ^= 0x80 << 56;
	tiny_keccak::keccakf(&mut state);
	core::array::from_fn(|i| (state[i / 2] >> (32 * (i % 2))) as u32)
}

/// Keccak-512 of `data`.
pub fn keccak_512(data: &[u8]) -> [u8; 64] {
	let mut hasher = Keccak::v512();
	hasher.update(data);
	let mut out = [0u8; 64];
	hasher.finalize(&mut out);
	out
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn keccak_512_of_words_matches_bytes() {
		for seed in 0u32..64 {
			let words: [u32; 16] =
				core::array::from_fn(|i| seed.wrapping_mul(0x9e37_79b9) ^ i as u32);
			let mut bytes = [0u8; 64];
			for (chunk, word) in bytes.chunks_exact_mut(4).zip(words) {
				chunk.copy_from_slice(&word.to_le_bytes());
			}
			let expected = keccak_512(&bytes);
			let got = keccak_512_words(&words);
			for (i, word) in got.iter().enumerate() {
				assert_eq!(word.to_le_bytes(), expected[4 * i..4 * i + 4]);
			}
		}
	}
}
