//! Schnorr signatures on Baby Jubjub (SPEC §2, §5).
//!
//! For a key `x` with public key `X = x·P` over a generator `P`: `R = k·P`,
//! `c = H(domain, R ‖ X ‖ m)`, `s = k + c·x`; valid iff `s·P = R + c·X`. The nonce is
//! derived from the key, the message and fresh randomness, so a bad RNG cannot leak the key.
//! `R` must decode as a point of the curve and `s` must be canonical, so a signature has
//! exactly one encoding. `R` needs no subgroup check of its own: for a public key in the
//! subgroup, `s·P − c·X` is in it, so a valid `R` equals a point of the subgroup.
//!
//! Each use has its own domain (and generator): a signature of one kind is never valid as
//! another.

use crate::{blake2b, constants, generators, keys, point, Point, Scalar};
use ark_ec::CurveGroup;
use rand_core::{CryptoRng, RngCore};

/// What a signature authorises.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Domain {
	/// A spend: signed by `zskr + a` under `zpka = ZPKr + a·G`.
	Spend,
	/// The balance of a transaction: signed by `bsk` under `bsk·G_r`.
	Balance,
	/// A PoS vote.
	Vote,
	/// A transaction's `From` (SPEC §5): signed by `zskr` under the `ZPKr` of the one-time
	/// address the transaction names as its sender.
	From,
}

impl Domain {
	/// The generator public keys of this domain are multiples of.
	pub fn generator(self) -> Point {
		match self {
			Domain::Spend | Domain::Vote | Domain::From => generators::G,
			Domain::Balance => generators::G_R,
		}
	}

	fn personal(self) -> [u8; 16] {
		match self {
			Domain::Spend => blake2b::personal(constants::SPEND_SIGNATURE),
			Domain::Balance => blake2b::personal(constants::BALANCE_SIGNATURE),
			Domain::Vote => blake2b::personal(constants::VOTE_SIGNATURE),
			Domain::From => blake2b::personal(constants::FROM_SIGNATURE),
		}
	}
}

/// A signature `(R, s)`, 64 bytes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Signature {
	r: Point,
	s: Scalar,
}

impl Signature {
	/// The length of an encoded signature.
	pub const BYTES: usize = 64;

	/// `R ‖ s`.
	pub fn to_bytes(&self) -> [u8; Self::BYTES] {
		let mut out = [0u8; Self::BYTES];
		out[..32].copy_from_slice(&point::encode(&self.r));
		out[32..].copy_from_slice(&keys::scalar_to_bytes(&self.s));
		out
	}

	/// Decodes `R ‖ s`: `R` a point of the curve, `s` canonical.
	pub fn from_bytes(bytes: &[u8; Self::BYTES]) -> Option<Self> {
		let r = point::decode_on_curve(bytes[..32].try_into().ok()?)?;
		let s = keys::scalar_from_bytes(bytes[32..].try_into().ok()?)?;
		Some(Self { r, s })
	}
}

/// The public key of `secret` in `domain`.
pub fn public_key(domain: Domain, secret: &Scalar) -> Point {
	(domain.generator() * secret).into_affine()
}

/// Signs `message` with `secret` in `domain`.
pub fn sign(
	domain: Domain,
	secret: &Scalar,
	message: &[u8],
	rng: &mut (impl RngCore + CryptoRng),
) -> Signature {
	let mut entropy = [0u8; 32];
	rng.fill_bytes(&mut entropy);
	let k = blake2b::hash_to_scalar(
		&blake2b::personal(constants::SIGNATURE_NONCE),
		&[&keys::scalar_to_bytes(secret), message, &entropy],
	);
	let r = (domain.generator() * k).into_affine();
	let c = challenge(domain, &r, &public_key(domain, secret), message);
	Signature { r, s: k + c * secret }
}

/// Whether `signature` is `public_key`'s signature of `message` in `domain`.
pub fn verify(domain: Domain, public_key: &Point, message: &[u8], signature: &Signature) -> bool {
	let c = challenge(domain, &signature.r, public_key, message);
	domain.generator() * signature.s == signature.r + *public_key * c
}

fn challenge(domain: Domain, r: &Point, public_key: &Point, message: &[u8]) -> Scalar {
	blake2b::hash_to_scalar(
		&domain.personal(),
		&[&point::encode(r), &point::encode(public_key), message],
	)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::keys::{Seed, SpendingKey};
	use ark_ff::UniformRand;
	use ark_std::rand::{rngs::StdRng, SeedableRng};
	use proptest::prelude::*;

	#[test]
	fn signs_and_verifies() {
		let mut rng = StdRng::seed_from_u64(1);
		let x = Scalar::rand(&mut rng);
		for domain in [Domain::Spend, Domain::Balance, Domain::Vote, Domain::From] {
			let pk = public_key(domain, &x);
			let sig = sign(domain, &x, b"message", &mut rng);
			assert!(verify(domain, &pk, b"message", &sig));
			assert_eq!(Signature::from_bytes(&sig.to_bytes()), Some(sig));
			assert!(!verify(domain, &pk, b"messagf", &sig));
			let other = public_key(domain, &Scalar::rand(&mut rng));
			assert!(!verify(domain, &other, b"message", &sig));
		}
	}

	#[test]
	fn a_signature_is_valid_in_its_domain_only() {
		let mut rng = StdRng::seed_from_u64(2);
		let x = Scalar::rand(&mut rng);
		let sig = sign(Domain::Spend, &x, b"m", &mut rng);
		assert!(!verify(Domain::Vote, &public_key(Domain::Vote, &x), b"m", &sig));
		assert!(!verify(Domain::Balance, &public_key(Domain::Balance, &x), b"m", &sig));
		assert!(!verify(Domain::From, &public_key(Domain::From, &x), b"m", &sig));
	}

	#[test]
	fn malformed_signatures_are_rejected() {
		let mut rng = StdRng::seed_from_u64(3);
		let sig = sign(Domain::Spend, &Scalar::rand(&mut rng), b"m", &mut rng).to_bytes();
		let mut bad_s = sig;
		bad_s[32..].copy_from_slice(&[0xff; 32]);
		assert_eq!(Signature::from_bytes(&bad_s), None);
		let mut bad_r = sig;
		bad_r[..32].copy_from_slice(&[0xff; 32]);
		assert_eq!(Signature::from_bytes(&bad_r), None);
	}

	/// `R` is decoded without a subgroup check; moving it off the subgroup by a point of
	/// order two decodes, and does not verify.
	#[test]
	fn r_outside_the_subgroup_does_not_verify() {
		let mut rng = StdRng::seed_from_u64(4);
		let x = Scalar::rand(&mut rng);
		let sig = sign(Domain::Spend, &x, b"m", &mut rng);
		let order_two = Point::new_unchecked(crate::Base::from(0u64), -crate::Base::from(1u64));
		let moved = Signature { r: (sig.r + order_two).into_affine(), s: sig.s };
		assert_eq!(Signature::from_bytes(&moved.to_bytes()), Some(moved));
		assert!(!verify(Domain::Spend, &public_key(Domain::Spend, &x), b"m", &moved));
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(16))]

		/// A TK holder knows `vskr` (and so `vsk`), but a spend needs `zskr`: whatever the
		/// TK holder signs with under `zpka = ZPKr + a·G` does not verify.
		#[test]
		fn a_tracing_key_cannot_sign_a_spend(seed: [u8; 32], rng_seed: u64) {
			let mut rng = StdRng::seed_from_u64(rng_seed);
			let sk = SpendingKey::from_seed(&Seed::from_bytes(seed));
			let tk = sk.tracing_key();
			let pkr = sk.public_key().one_time_address(&mut rng);
			let a = Scalar::rand(&mut rng);
			let zpka = (*pkr.zpk_r() + keys::mul_g(&a)).into_affine();

			let vskr = tk.view_key(&pkr).unwrap();
			for attempt in [vskr, vskr + a, a] {
				let forged = sign(Domain::Spend, &attempt, b"tx", &mut rng);
				prop_assert!(!verify(Domain::Spend, &zpka, b"tx", &forged));
			}
			let zskr = *sk.one_time_secret(&pkr).unwrap().zskr();
			let real = sign(Domain::Spend, &(zskr + a), b"tx", &mut rng);
			prop_assert!(verify(Domain::Spend, &zpka, b"tx", &real));
		}
	}
}
