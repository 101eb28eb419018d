//! Poseidon over the BN254 scalar field with circomlib's parameters (SPEC §2).
//!
//! The permutation has width `t = inputs + 1`: the state starts as `[0, inputs…]`, every
//! round adds its constants, applies `x⁵` to the whole state (the 4 first and 4 last,
//! "full", rounds) or to its first element ("partial" rounds), and multiplies by the MDS
//! matrix; the hash is the first element of the final state. This is exactly circomlib's
//! `Poseidon(n)`, so circuits and tools written against circom agree with ours.
//!
//! SERO uses one width per purpose, which separates the domains without tags:
//! [`hash1`] for hashing to the curve, [`hash2`] for tree nodes, [`hash3`] for `nil`,
//! [`hash8`] for leaves.

mod constants;
#[cfg(feature = "r1cs")]
pub mod constraints;

use crate::Base;
use ark_ff::Field;

/// Number of full rounds, for every width.
pub const FULL_ROUNDS: usize = 8;

/// Round constants and MDS matrix of one width `T`, `N = T × (full + partial rounds)`.
pub struct Params<const T: usize, const N: usize> {
	/// Number of partial rounds.
	pub partial_rounds: usize,
	/// Round constants, `T` per round.
	pub ark: [Base; N],
	/// The MDS matrix, by rows.
	pub mds: [[Base; T]; T],
}

impl<const T: usize, const N: usize> Params<T, N> {
	/// Whether round `round` applies the S-box to the whole state.
	pub fn is_full_round(&self, round: usize) -> bool {
		round < FULL_ROUNDS / 2 || round >= FULL_ROUNDS / 2 + self.partial_rounds
	}

	/// Total number of rounds.
	pub fn rounds(&self) -> usize {
		FULL_ROUNDS + self.partial_rounds
	}

	/// The Poseidon permutation applied to `state`.
	pub fn permute(&self, state: &mut [Base; T]) {
		for round in 0..self.rounds() {
			for (s, c) in state.iter_mut().zip(&self.ark[round * T..(round + 1) * T]) {
				*s += c;
			}
			if self.is_full_round(round) {
				state.iter_mut().for_each(sbox);
			} else {
				sbox(&mut state[0]);
			}
			let mixed: [Base; T] = core::array::from_fn(|i| {
				self.mds[i].iter().zip(state.iter()).map(|(m, s)| *m * s).sum()
			});
			*state = mixed;
		}
	}

	/// Poseidon of `T - 1` inputs.
	pub fn hash(&self, inputs: &[Base]) -> Base {
		debug_assert_eq!(inputs.len() + 1, T);
		let mut state = [Base::from(0u64); T];
		state[1..].copy_from_slice(inputs);
		self.permute(&mut state);
		state[0]
	}
}

fn sbox(x: &mut Base) {
	let x2 = x.square();
	*x *= x2.square();
}

/// The parameters of width 2 (one input).
pub fn params1() -> &'static Params<2, 128> {
	&constants::T2
}

/// The parameters of width 3 (two inputs).
pub fn params2() -> &'static Params<3, 195> {
	&constants::T3
}

/// The parameters of width 4 (three inputs).
pub fn params3() -> &'static Params<4, 256> {
	&constants::T4
}

/// The parameters of width 9 (eight inputs).
pub fn params8() -> &'static Params<9, 639> {
	&constants::T9
}

/// Poseidon of one element.
pub fn hash1(a: Base) -> Base {
	params1().hash(&[a])
}

/// Poseidon of two elements.
pub fn hash2(a: Base, b: Base) -> Base {
	params2().hash(&[a, b])
}

/// Poseidon of three elements.
pub fn hash3(a: Base, b: Base, c: Base) -> Base {
	params3().hash(&[a, b, c])
}

/// Poseidon of eight elements.
pub fn hash8(inputs: &[Base; 8]) -> Base {
	params8().hash(inputs)
}

#[cfg(test)]
mod tests {
	use super::*;
	use ark_ff::{BigInteger, PrimeField};
	use light_poseidon::{parameters::bn254_x5::get_poseidon_parameters, Poseidon, PoseidonHasher};

	fn to_hex(x: Base) -> String {
		x.into_bigint().to_bytes_be().iter().map(|b| format!("{b:02x}")).collect()
	}

	#[test]
	fn circomlib_vectors() {
		// circomlibjs `poseidon([1, 2])` and `poseidon([1])`.
		assert_eq!(
			to_hex(hash2(1u64.into(), 2u64.into())),
			"115cc0f5e7d690413df64c6b9662e9cf2a3617f2743245519e19607a4417189a"
		);
		assert_eq!(
			to_hex(hash1(1u64.into())),
			"29176100eaa962bdc1fe6c654d6a3c130e96a4d1168b33848b897dc502820133"
		);
	}

	fn check_width<const T: usize, const N: usize>(ours: &Params<T, N>) {
		let theirs = get_poseidon_parameters::<Base>(T as u8).unwrap();
		assert_eq!(ours.partial_rounds, theirs.partial_rounds, "t = {T}");
		assert_eq!(FULL_ROUNDS, theirs.full_rounds, "t = {T}");
		assert_eq!(&ours.ark[..], &theirs.ark[..], "t = {T}");
		for (row, theirs) in ours.mds.iter().zip(&theirs.mds) {
			assert_eq!(&row[..], &theirs[..], "t = {T}");
		}
		let inputs: Vec<Base> = (1..T as u64).map(|i| Base::from(i * 7 + 3)).collect();
		let expected = Poseidon::<Base>::new_circom(T - 1).unwrap().hash(&inputs).unwrap();
		assert_eq!(ours.hash(&inputs), expected, "t = {T}");
	}

	#[test]
	fn constants_match_circom() {
		check_width(params1());
		check_width(params2());
		check_width(params3());
		check_width(params8());
	}
}
