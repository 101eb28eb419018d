//! Trial detection (SPEC §3): testing every one-time address on the chain against a tracing
//! key, fast enough for a wallet to scan a busy chain.
//!
//! The owner's check is `S' = vsk·BASEr`, `hz = H("pkr_z", S')`, `ZPKr = ZPK + hz·G`
//! (and the same for `VPKr`). [`Detector::detect`] runs it in two stages:
//!
//! 1. **Filter.** Decode only `BASEr`, and only onto the curve (no subgroup check: that is
//!    a second scalar multiplication); `S' = vsk·BASEr` by a width-5 wNAF with `vsk`'s digits
//!    computed once; `hz·G` from a table of `G`'s multiples, one addition per scalar byte;
//!    compare the encoding of `ZPK + hz·G` with the address's first 32 bytes, undecoded.
//! 2. **Confirmation.** Only for an address that passes: decode all three points fully
//!    (subgroup checks included) and run [`TracingKey::owns`].
//!
//! **Why the filter loses nothing.** For an address of points of the subgroup, stage 1
//! computes exactly the `S'` and `hz` of the owner's check and compares `ZPKr` by its unique
//! encoding, so every address the owner's check accepts passes. Anything that passes then
//! meets the full check, so stage 2 alone decides what is ours: a crafted `BASEr` with a
//! small-order component can at most cost one full check.

use crate::{generators::G, keys::OneTimeAddress, keys::TracingKey, point, Point, Scalar};
use alloc::vec::Vec;
use ark_ec::{scalar_mul::wnaf::WnafContext, AffineRepr, CurveGroup};
use ark_ed_on_bn254::EdwardsProjective;

/// The wNAF window for `vsk·BASEr`: 5 gives 8 precomputed points and ≈ 42 additions.
const WNAF_WINDOW: usize = 5;

/// A tracing key prepared for trial detection.
pub struct Detector {
	tk: TracingKey,
	/// `G`'s multiples by byte: `g_table[i][b] = b·256^i·G`.
	g_table: Vec<[Point; 256]>,
}

impl Detector {
	/// Prepares `tk`: builds the 8,192-point table of `G` (a few milliseconds, once).
	pub fn new(tk: &TracingKey) -> Self {
		let mut g_table = Vec::with_capacity(32);
		let mut base = G.into_group();
		for _ in 0..32 {
			let mut row = [EdwardsProjective::default(); 256];
			for b in 1..256 {
				row[b] = row[b - 1] + base;
			}
			let affine = EdwardsProjective::normalize_batch(&row);
			g_table.push(core::array::from_fn(|b| affine[b]));
			base = row[255] + base;
		}
		Self { tk: tk.clone(), g_table }
	}

	/// The one-time address encoded in `pkr` if it belongs to the tracing key.
	pub fn detect(&self, pkr: &[u8; OneTimeAddress::BYTES]) -> Option<OneTimeAddress> {
		self.detect_batch(core::slice::from_ref(pkr)).pop().flatten()
	}

	/// [`Self::detect`] for each of `pkrs`, sharing the field inversions of the batch.
	pub fn detect_batch(
		&self,
		pkrs: &[[u8; OneTimeAddress::BYTES]],
	) -> Vec<Option<OneTimeAddress>> {
		let wnaf = WnafContext::new(WNAF_WINDOW);
		let shared: Vec<EdwardsProjective> = pkrs
			.iter()
			.map(|pkr| match point::decode_on_curve(pkr[64..].try_into().expect("32 bytes")) {
				Some(base_r) => wnaf.mul(base_r.into_group(), self.tk.vsk()),
				None => EdwardsProjective::default(),
			})
			.collect();
		let zpk_r: Vec<EdwardsProjective> = EdwardsProjective::normalize_batch(&shared)
			.iter()
			.map(|s| *self.tk.zpk() + self.mul_g(&crate::keys::pkr_hash_z(s)))
			.collect();
		EdwardsProjective::normalize_batch(&zpk_r)
			.iter()
			.zip(pkrs)
			.map(|(zpk_r, pkr)| {
				if point::encode(zpk_r)[..] != pkr[..32] {
					return None;
				}
				let address = OneTimeAddress::from_bytes(pkr)?;
				self.tk.owns(&address).then_some(address)
			})
			.collect()
	}

	/// `k·G` from the table: one mixed addition per byte of `k`.
	fn mul_g(&self, k: &Scalar) -> EdwardsProjective {
		let bytes = crate::keys::scalar_to_bytes(k);
		let mut sum = EdwardsProjective::default();
		for (row, &byte) in self.g_table.iter().zip(bytes.iter()) {
			if byte != 0 {
				sum += row[byte as usize];
			}
		}
		sum
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::keys::{Seed, SpendingKey};
	use rand_core::{OsRng, RngCore};

	#[test]
	fn detects_exactly_the_keys_addresses() {
		let ours = SpendingKey::from_seed(&Seed::random(&mut OsRng));
		let theirs = SpendingKey::from_seed(&Seed::random(&mut OsRng));
		let detector = Detector::new(&ours.tracing_key());
		for _ in 0..8 {
			let mine = ours.public_key().one_time_address(&mut OsRng);
			assert_eq!(detector.detect(&mine.to_bytes()), Some(mine));
			let other = theirs.public_key().one_time_address(&mut OsRng);
			assert_eq!(detector.detect(&other.to_bytes()), None);
		}
	}

	#[test]
	fn table_multiplication_matches_the_group() {
		let detector =
			Detector::new(&SpendingKey::from_seed(&Seed::from_bytes([7; 32])).tracing_key());
		for k in [Scalar::from(0u64), Scalar::from(1u64), Scalar::from(255u64), -Scalar::from(1u64)]
		{
			assert_eq!(detector.mul_g(&k).into_affine(), crate::keys::mul_g(&k));
		}
	}

	#[test]
	fn rejects_malformed_and_small_order_addresses() {
		let ours = SpendingKey::from_seed(&Seed::random(&mut OsRng));
		let detector = Detector::new(&ours.tracing_key());
		let mut junk = [0u8; OneTimeAddress::BYTES];
		OsRng.fill_bytes(&mut junk);
		assert_eq!(detector.detect(&junk), None);

		// Our address with a point of order 2 added to BASEr: not a valid address.
		let mine = ours.public_key().one_time_address(&mut OsRng);
		let order_two = Point::new_unchecked(crate::Base::from(0u64), -crate::Base::from(1u64));
		let mut bytes = mine.to_bytes();
		bytes[64..].copy_from_slice(&point::encode(&(*mine.base_r() + order_two).into_affine()));
		assert_eq!(detector.detect(&bytes), None);
	}
}
