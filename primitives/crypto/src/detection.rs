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
//!
//! **Arithmetic.** `vsk·BASEr` is most of the cost (≈ 252 doublings), so it has its own
//! formulas (Hisil–Wong–Carter–Dawson 2008, `a = 1` as arkworks writes Baby Jubjub):
//! doublings in projective `(X : Y : Z)` at `3M + 4S`, extended coordinates (with `T`)
//! only for the doubling an addition follows, additions without `T`; a test checks them
//! against arkworks' scalar multiplication. A batch shares the inversions of `S'` and of
//! `ZPKr` (one each, by batch inversion).

use crate::{generators::G, keys::OneTimeAddress, keys::TracingKey, point, Base, Point, Scalar};
use alloc::vec::Vec;
use ark_ec::{twisted_edwards::TECurveConfig, AffineRepr, CurveGroup};
use ark_ed_on_bn254::{EdwardsConfig, EdwardsProjective};
use ark_ff::{AdditiveGroup, BigInteger, Field, PrimeField};

/// The wNAF window for `vsk·BASEr`: 5 gives 8 precomputed odd multiples and ≈ 42 additions
/// for ≈ 252 doublings.
const WNAF_WINDOW: usize = 5;

/// A tracing key prepared for trial detection.
pub struct Detector {
	tk: TracingKey,
	/// `vsk` in width-5 non-adjacent form, least significant digit first.
	vsk_wnaf: Vec<i64>,
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
		let vsk_wnaf = tk.vsk().into_bigint().find_wnaf(WNAF_WINDOW).expect("window 5 is valid");
		Self { tk: tk.clone(), vsk_wnaf, g_table }
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
		let shared: Vec<Projective> = pkrs
			.iter()
			.map(|pkr| match point::decode_on_curve(pkr[64..].try_into().expect("32 bytes")) {
				Some(base_r) => self.mul_vsk(&base_r),
				None => Projective::IDENTITY,
			})
			.collect();
		let zpk_r: Vec<EdwardsProjective> = Projective::normalize_batch(shared)
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

	/// `vsk·P` by wNAF over `vsk`'s precomputed digits: doublings in [`Projective`]
	/// coordinates, in [`Extended`] ones only where an addition follows.
	fn mul_vsk(&self, p: &Point) -> Projective {
		let Some(top) = self.vsk_wnaf.iter().rposition(|&d| d != 0) else {
			return Projective::IDENTITY;
		};
		let table = OddMultiples::new(p);
		let mut acc = table.get(self.vsk_wnaf[top]).point.to_projective();
		for &digit in self.vsk_wnaf[..top].iter().rev() {
			acc = if digit == 0 {
				acc.double()
			} else {
				acc.double_extended().add(&table.get(digit))
			};
		}
		acc
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

/// `(X : Y : Z)`: `x = X/Z`, `y = Y/Z`. Baby Jubjub in arkworks' form has `a = 1`.
#[derive(Clone, Copy, Debug)]
struct Projective {
	x: Base,
	y: Base,
	z: Base,
}

/// `(X : Y : Z : T)` with `T = XY/Z`: what an addition needs of its first operand.
#[derive(Clone, Copy, Debug)]
struct Extended {
	x: Base,
	y: Base,
	z: Base,
	t: Base,
}

/// A second operand of additions: extended coordinates and `d·T`, computed once.
#[derive(Clone, Copy, Debug)]
struct Addend {
	point: Extended,
	dt: Base,
}

impl Projective {
	const IDENTITY: Self = Self { x: Base::ZERO, y: Base::ONE, z: Base::ONE };

	/// Doubling (Hisil–Wong–Carter–Dawson 2008, §3.3, with `a = 1`): `3M + 4S`.
	fn double(&self) -> Self {
		let (e, f, g, h) = self.double_parts();
		Self { x: e * f, y: g * h, z: f * g }
	}

	/// Doubling with `T` as well: `4M + 4S`.
	fn double_extended(&self) -> Extended {
		let (e, f, g, h) = self.double_parts();
		Extended { x: e * f, y: g * h, z: f * g, t: e * h }
	}

	/// The doubling's shared part: `(E, F, G, H)`.
	fn double_parts(&self) -> (Base, Base, Base, Base) {
		let a = self.x.square();
		let b = self.y.square();
		let c = self.z.square().double();
		let e = (self.x + self.y).square() - a - b;
		let g = a + b;
		(e, g - c, g, a - b)
	}

	/// Affine forms of `points`, with one inversion for all.
	fn normalize_batch(points: Vec<Self>) -> Vec<Point> {
		let mut zs: Vec<Base> = points.iter().map(|p| p.z).collect();
		ark_ff::batch_inversion(&mut zs);
		points
			.iter()
			.zip(zs)
			.map(|(p, z_inv)| Point::new_unchecked(p.x * z_inv, p.y * z_inv))
			.collect()
	}
}

impl Extended {
	fn from_affine(p: &Point) -> Self {
		let (x, y) = point::coordinates(p);
		Self { x, y, z: Base::ONE, t: x * y }
	}

	fn to_projective(self) -> Projective {
		Projective { x: self.x, y: self.y, z: self.z }
	}

	/// The unified addition's shared part (add-2008-hwcd, `a = 1`): `(E, F, G, H)`.
	fn add_parts(&self, q: &Addend) -> (Base, Base, Base, Base) {
		let a = self.x * q.point.x;
		let b = self.y * q.point.y;
		let c = self.t * q.dt;
		let d = self.z * q.point.z;
		let e = (self.x + self.y) * (q.point.x + q.point.y) - a - b;
		(e, d - c, d + c, b - a)
	}

	/// `self + q`, without `T`: `8M`.
	fn add(&self, q: &Addend) -> Projective {
		let (e, f, g, h) = self.add_parts(q);
		Projective { x: e * f, y: g * h, z: f * g }
	}

	/// `self + q` with `T`: `9M`.
	fn add_extended(&self, q: &Addend) -> Extended {
		let (e, f, g, h) = self.add_parts(q);
		Extended { x: e * f, y: g * h, z: f * g, t: e * h }
	}
}

impl Addend {
	fn new(point: Extended) -> Self {
		Self { point, dt: point.t * EdwardsConfig::COEFF_D }
	}

	fn neg(&self) -> Self {
		let p = self.point;
		Self { point: Extended { x: -p.x, t: -p.t, ..p }, dt: -self.dt }
	}
}

/// `P, 3P, 5P, …, 15P`: the wNAF table of one base.
struct OddMultiples([Addend; 1 << (WNAF_WINDOW - 2)]);

impl OddMultiples {
	fn new(p: &Point) -> Self {
		let first = Addend::new(Extended::from_affine(p));
		let double = Addend::new(first.point.to_projective().double_extended());
		let mut table = [first; 1 << (WNAF_WINDOW - 2)];
		for i in 1..table.len() {
			table[i] = Addend::new(table[i - 1].point.add_extended(&double));
		}
		Self(table)
	}

	/// `digit·P` for an odd wNAF digit.
	fn get(&self, digit: i64) -> Addend {
		let entry = self.0[(digit.unsigned_abs() / 2) as usize];
		if digit < 0 {
			entry.neg()
		} else {
			entry
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::keys::{Seed, SpendingKey};
	use ark_ff::UniformRand;
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
	fn wnaf_multiplication_matches_the_group() {
		for _ in 0..16 {
			let tk = SpendingKey::from_seed(&Seed::random(&mut OsRng)).tracing_key();
			let detector = Detector::new(&tk);
			let p = crate::keys::mul_g(&Scalar::rand(&mut OsRng));
			let ours = Projective::normalize_batch(vec![detector.mul_vsk(&p)]);
			assert_eq!(ours[0], (p * tk.vsk()).into_affine());
		}
		let detector =
			Detector::new(&SpendingKey::from_seed(&Seed::from_bytes([1; 32])).tracing_key());
		let identity = Projective::normalize_batch(vec![detector.mul_vsk(&Point::zero())]);
		assert_eq!(identity[0], Point::zero());
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
