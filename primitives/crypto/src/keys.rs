//! Keys and one-time addresses (SPEC §3).
//!
//! ```text
//! seed ─┬─ zsk = H("zsk", seed) ──  ZPK = zsk·G ─┐
//!       └─ vsk = H("vsk", seed) ──  VPK = vsk·G ─┴─ PK = (ZPK, VPK)     payment address
//!                                    TK = (ZPK, vsk)                    tracing key
//! PKr for a random r:  BASEr = r·G,  S = r·VPK,  hz = H("pkr_z", S),  hv = H("pkr_v", S)
//!                      PKr = (ZPK + hz·G,  VPK + hv·G,  BASEr)
//! owner's view:        S = vsk·BASEr → hz, hv;  zskr = zsk + hz,  vskr = vsk + hv
//! ```
//!
//! **Unlinkability.** `S` is a Diffie–Hellman secret between `r` and `vsk`; without `vsk`
//! or `r` it is indistinguishable from random (DDH on Baby Jubjub), so `hz`, `hv` are
//! random-oracle outputs nobody else can compute, and `ZPKr`, `VPKr` are uniformly random
//! points: two PKrs of one PK look like PKrs of two people, and reveal nothing of PK.
//!
//! **What each key can do.** Detection needs `S`, hence `vsk`: a TK recognises its PKrs,
//! computes `vskr` (for `nil` and note decryption), but spending needs `zskr = zsk + hz`,
//! and a TK holds only `ZPK = zsk·G`: producing a spend signature is then forging Schnorr.

use crate::{blake2b, constants, generators::G, point, Point, Scalar};
use ark_ec::CurveGroup;
use ark_ff::{PrimeField, UniformRand, Zero};
use ark_serialize::CanonicalSerialize;
use core::fmt;
use rand_core::{CryptoRng, RngCore};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// The 32 random bytes a user backs up; everything else derives from it.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Seed([u8; 32]);

impl Seed {
	/// A fresh random seed.
	pub fn random(rng: &mut (impl RngCore + CryptoRng)) -> Self {
		let mut bytes = [0u8; 32];
		rng.fill_bytes(&mut bytes);
		Self(bytes)
	}

	/// The seed with these bytes.
	pub fn from_bytes(bytes: [u8; 32]) -> Self {
		Self(bytes)
	}

	/// The seed's bytes, for backing up.
	pub fn as_bytes(&self) -> &[u8; 32] {
		&self.0
	}
}

impl fmt::Debug for Seed {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str("Seed(<redacted>)")
	}
}

/// `(zsk, vsk)`: the full secret key of an account; spends and traces.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct SpendingKey {
	zsk: Scalar,
	vsk: Scalar,
}

impl fmt::Debug for SpendingKey {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str("SpendingKey(<redacted>)")
	}
}

impl SpendingKey {
	/// `zsk = H("zsk", seed)`, `vsk = H("vsk", seed)`, both reduced modulo the group order.
	pub fn from_seed(seed: &Seed) -> Self {
		let zsk = blake2b::hash_to_scalar(&blake2b::personal(constants::ZSK), &[&seed.0]);
		let vsk = blake2b::hash_to_scalar(&blake2b::personal(constants::VSK), &[&seed.0]);
		Self { zsk, vsk }
	}

	/// The payment address PK = (ZPK, VPK).
	pub fn public_key(&self) -> PublicKey {
		PublicKey { zpk: mul_g(&self.zsk), vpk: mul_g(&self.vsk) }
	}

	/// The tracing key TK = (ZPK, vsk).
	pub fn tracing_key(&self) -> TracingKey {
		TracingKey { zpk: mul_g(&self.zsk), vsk: self.vsk }
	}

	/// The one-time secrets of `pkr` if this account owns it.
	pub fn one_time_secret(&self, pkr: &OneTimeAddress) -> Option<OneTimeSecret> {
		let (hz, hv) = self.tracing_key().detect(pkr)?;
		Some(OneTimeSecret { zskr: self.zsk + hz, vskr: self.vsk + hv })
	}
}

/// PK = (ZPK, VPK): the payment address users share.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct PublicKey {
	zpk: Point,
	vpk: Point,
}

impl PublicKey {
	/// The length of an encoded PK.
	pub const BYTES: usize = 64;

	/// A fresh one-time address for this key.
	pub fn one_time_address(&self, rng: &mut (impl RngCore + CryptoRng)) -> OneTimeAddress {
		loop {
			let r = Scalar::rand(rng);
			if !r.is_zero() {
				return self.one_time_address_with(&r);
			}
		}
	}

	/// The one-time address for the randomness `r` (not zero).
	pub fn one_time_address_with(&self, r: &Scalar) -> OneTimeAddress {
		let base_r = mul_g(r);
		let s = (self.vpk * r).into_affine();
		let (hz, hv) = pkr_hashes(&s);
		OneTimeAddress {
			zpk_r: (self.zpk + mul_g(&hz)).into_affine(),
			vpk_r: (self.vpk + mul_g(&hv)).into_affine(),
			base_r,
		}
	}

	/// `ZPK ‖ VPK`.
	pub fn to_bytes(&self) -> [u8; Self::BYTES] {
		let mut out = [0u8; Self::BYTES];
		out[..32].copy_from_slice(&point::encode(&self.zpk));
		out[32..].copy_from_slice(&point::encode(&self.vpk));
		out
	}

	/// Decodes `ZPK ‖ VPK`; both must be points of the group other than the identity.
	pub fn from_bytes(bytes: &[u8; Self::BYTES]) -> Option<Self> {
		let (zpk, vpk) = decode_pair(bytes)?;
		Some(Self { zpk, vpk })
	}
}

/// TK = (ZPK, vsk): finds, decrypts and sees the spending of the account's notes; cannot
/// spend them.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct TracingKey {
	#[zeroize(skip)]
	zpk: Point,
	vsk: Scalar,
}

impl fmt::Debug for TracingKey {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str("TracingKey(<redacted>)")
	}
}

impl TracingKey {
	/// The length of an encoded TK.
	pub const BYTES: usize = 64;

	/// The account's payment address.
	pub fn public_key(&self) -> PublicKey {
		PublicKey { zpk: self.zpk, vpk: mul_g(&self.vsk) }
	}

	/// Whether `pkr` is one of this account's one-time addresses.
	pub fn owns(&self, pkr: &OneTimeAddress) -> bool {
		self.detect(pkr).is_some()
	}

	/// `vskr` of `pkr` if this account owns it: what `nil` and note decryption need.
	pub fn view_key(&self, pkr: &OneTimeAddress) -> Option<Scalar> {
		let (_, hv) = self.detect(pkr)?;
		Some(self.vsk + hv)
	}

	/// `(hz, hv)` of `pkr` if it is ours: `S' = vsk·BASEr`, recompute and compare.
	fn detect(&self, pkr: &OneTimeAddress) -> Option<(Scalar, Scalar)> {
		let s = (pkr.base_r * self.vsk).into_affine();
		let (hz, hv) = pkr_hashes(&s);
		let vpk = mul_g(&self.vsk);
		let ours = (self.zpk + mul_g(&hz)).into_affine() == pkr.zpk_r
			&& (vpk + mul_g(&hv)).into_affine() == pkr.vpk_r;
		ours.then_some((hz, hv))
	}

	/// `ZPK` (for trial detection).
	#[cfg(feature = "std")]
	pub(crate) fn zpk(&self) -> &Point {
		&self.zpk
	}

	/// `vsk` (for trial detection).
	#[cfg(feature = "std")]
	pub(crate) fn vsk(&self) -> &Scalar {
		&self.vsk
	}

	/// `ZPK ‖ vsk`.
	pub fn to_bytes(&self) -> [u8; Self::BYTES] {
		let mut out = [0u8; Self::BYTES];
		out[..32].copy_from_slice(&point::encode(&self.zpk));
		self.vsk.serialize_compressed(&mut out[32..]).expect("a scalar is 32 bytes");
		out
	}

	/// Decodes `ZPK ‖ vsk`; `vsk` must be canonical and not zero.
	pub fn from_bytes(bytes: &[u8; Self::BYTES]) -> Option<Self> {
		let zpk = point::decode_non_identity(bytes[..32].try_into().ok()?)?;
		let vsk = scalar_from_bytes(bytes[32..].try_into().ok()?).filter(|s| !s.is_zero())?;
		Some(Self { zpk, vsk })
	}
}

/// PKr = (ZPKr, VPKr, BASEr): a one-time address; every note goes to a fresh one.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct OneTimeAddress {
	zpk_r: Point,
	vpk_r: Point,
	base_r: Point,
}

impl OneTimeAddress {
	/// The length of an encoded PKr.
	pub const BYTES: usize = 96;

	/// `ZPKr`: the key spends of this address are randomised from.
	pub fn zpk_r(&self) -> &Point {
		&self.zpk_r
	}

	/// `VPKr = vskr·G`: proves knowledge of `vskr` in the input circuit.
	pub fn vpk_r(&self) -> &Point {
		&self.vpk_r
	}

	/// `BASEr = r·G`: lets the owner recognise the address.
	pub fn base_r(&self) -> &Point {
		&self.base_r
	}

	/// `ZPKr ‖ VPKr ‖ BASEr`.
	pub fn to_bytes(&self) -> [u8; Self::BYTES] {
		let mut out = [0u8; Self::BYTES];
		out[..32].copy_from_slice(&point::encode(&self.zpk_r));
		out[32..64].copy_from_slice(&point::encode(&self.vpk_r));
		out[64..].copy_from_slice(&point::encode(&self.base_r));
		out
	}

	/// Decodes `ZPKr ‖ VPKr ‖ BASEr`: three group points other than the identity.
	pub fn from_bytes(bytes: &[u8; Self::BYTES]) -> Option<Self> {
		let (zpk_r, vpk_r) = decode_pair(bytes[..64].try_into().ok()?)?;
		let base_r = point::decode_non_identity(bytes[64..].try_into().ok()?)?;
		Some(Self { zpk_r, vpk_r, base_r })
	}
}

/// `(zskr, vskr)`: the secrets of one owned one-time address.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct OneTimeSecret {
	zskr: Scalar,
	vskr: Scalar,
}

impl fmt::Debug for OneTimeSecret {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str("OneTimeSecret(<redacted>)")
	}
}

impl OneTimeSecret {
	/// `zskr = zsk + hz`: signs spends (after randomisation by `a`).
	pub fn zskr(&self) -> &Scalar {
		&self.zskr
	}

	/// `vskr = vsk + hv`: the input circuit's witness, `nil`'s secret, the note key.
	pub fn vskr(&self) -> &Scalar {
		&self.vskr
	}
}

/// `(hz, hv) = (H("pkr_z", S), H("pkr_v", S))`.
fn pkr_hashes(s: &Point) -> (Scalar, Scalar) {
	let encoded = point::encode(s);
	(
		pkr_hash_z(s),
		blake2b::hash_to_scalar(&blake2b::personal(constants::PKR_VIEWING), &[&encoded]),
	)
}

/// `hz = H("pkr_z", S)`.
pub(crate) fn pkr_hash_z(s: &Point) -> Scalar {
	blake2b::hash_to_scalar(&blake2b::personal(constants::PKR_SPENDING), &[&point::encode(s)])
}

/// `k·G`.
pub fn mul_g(k: &Scalar) -> Point {
	(G * k).into_affine()
}

/// A scalar from its canonical 32-byte little-endian encoding.
pub fn scalar_from_bytes(bytes: &[u8; 32]) -> Option<Scalar> {
	let scalar = Scalar::from_le_bytes_mod_order(bytes);
	(scalar_to_bytes(&scalar) == *bytes).then_some(scalar)
}

/// A scalar's canonical 32-byte little-endian encoding.
pub fn scalar_to_bytes(scalar: &Scalar) -> [u8; 32] {
	let mut out = [0u8; 32];
	scalar.serialize_compressed(&mut out[..]).expect("a scalar is 32 bytes");
	out
}

fn decode_pair(bytes: &[u8; 64]) -> Option<(Point, Point)> {
	let a = point::decode_non_identity(bytes[..32].try_into().ok()?)?;
	let b = point::decode_non_identity(bytes[32..].try_into().ok()?)?;
	Some((a, b))
}

#[cfg(test)]
mod tests {
	use super::*;
	use ark_std::rand::{rngs::StdRng, SeedableRng};
	use proptest::prelude::*;

	fn account(seed: [u8; 32]) -> SpendingKey {
		SpendingKey::from_seed(&Seed::from_bytes(seed))
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(32))]

		#[test]
		fn pkrs_of_one_pk_never_coincide_nor_reveal_it(seed: [u8; 32], rng_seed: u64) {
			let mut rng = StdRng::seed_from_u64(rng_seed);
			let pk = account(seed).public_key();
			let a = pk.one_time_address(&mut rng);
			let b = pk.one_time_address(&mut rng);
			prop_assert_ne!(a, b);
			for p in [a.zpk_r, a.vpk_r, a.base_r] {
				prop_assert!(p != pk.zpk && p != pk.vpk);
				prop_assert!(p != b.zpk_r && p != b.vpk_r && p != b.base_r);
			}
			// The encoded PKr does not contain either half of the encoded PK.
			let (pk_bytes, pkr_bytes) = (pk.to_bytes(), a.to_bytes());
			for half in pk_bytes.chunks(32) {
				prop_assert!(!pkr_bytes.chunks(32).any(|c| c == half));
			}
		}

		#[test]
		fn only_the_owner_detects(owner: [u8; 32], other: [u8; 32], rng_seed: u64) {
			prop_assume!(owner != other);
			let mut rng = StdRng::seed_from_u64(rng_seed);
			let (owner, other) = (account(owner), account(other));
			let pkr = owner.public_key().one_time_address(&mut rng);
			prop_assert!(owner.tracing_key().owns(&pkr));
			prop_assert!(!other.tracing_key().owns(&pkr));
			prop_assert!(other.one_time_secret(&pkr).is_none());

			let secret = owner.one_time_secret(&pkr).unwrap();
			prop_assert_eq!(mul_g(secret.vskr()), pkr.vpk_r);
			prop_assert_eq!(mul_g(secret.zskr()), pkr.zpk_r);
			prop_assert_eq!(owner.tracing_key().view_key(&pkr), Some(*secret.vskr()));
		}

		#[test]
		fn encodings_round_trip(seed: [u8; 32], rng_seed: u64) {
			let mut rng = StdRng::seed_from_u64(rng_seed);
			let sk = account(seed);
			let (pk, tk) = (sk.public_key(), sk.tracing_key());
			let pkr = pk.one_time_address(&mut rng);
			prop_assert_eq!(PublicKey::from_bytes(&pk.to_bytes()), Some(pk));
			prop_assert_eq!(TracingKey::from_bytes(&tk.to_bytes()).unwrap().to_bytes(), tk.to_bytes());
			prop_assert_eq!(OneTimeAddress::from_bytes(&pkr.to_bytes()), Some(pkr));
			prop_assert_eq!(tk.public_key(), pk);
		}
	}

	#[test]
	fn keys_are_deterministic_and_distinct() {
		let a = account([7; 32]);
		assert_eq!(a.public_key(), account([7; 32]).public_key());
		assert_ne!(a.public_key(), account([8; 32]).public_key());
		assert_ne!(a.zsk, a.vsk);
	}

	#[test]
	fn malformed_encodings_are_rejected() {
		let pk = account([1; 32]).public_key();
		let mut bytes = pk.to_bytes();
		bytes[0] ^= 1;
		bytes[31] ^= 0x40;
		assert_eq!(PublicKey::from_bytes(&bytes), None);
		// The identity is not a key.
		let mut bytes = pk.to_bytes();
		bytes[..32].copy_from_slice(&point::encode(&Point::zero()));
		assert_eq!(PublicKey::from_bytes(&bytes), None);
		// A non-canonical scalar in a TK.
		let mut tk = account([1; 32]).tracing_key().to_bytes();
		tk[32..].copy_from_slice(&[0xff; 32]);
		assert!(TracingKey::from_bytes(&tk).is_none());
	}

	#[test]
	fn debug_redacts_secrets() {
		let sk = account([3; 32]);
		assert_eq!(format!("{sk:?}"), "SpendingKey(<redacted>)");
		assert_eq!(format!("{:?}", sk.tracing_key()), "TracingKey(<redacted>)");
		assert_eq!(format!("{:?}", Seed::from_bytes([3; 32])), "Seed(<redacted>)");
	}
}
