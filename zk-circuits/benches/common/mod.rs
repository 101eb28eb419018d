//! What the benchmark and the side-by-side example prove: one input (a note of 7 SERO at
//! position 0 of a two-leaf tree) and one output.

use ark_ff::UniformRand;
use ark_std::rand::rngs::StdRng;
use sero_crypto::{
	asset::{self, AssetId},
	keys::{Seed, SpendingKey},
	note,
	tree::AuthPath,
	Base, Scalar,
};
use sero_zk::{input::InputWitness, output::OutputWitness};

/// An input's witness and an output's.
pub fn witnesses(rng: &mut StdRng) -> (InputWitness, OutputWitness) {
	let owner = SpendingKey::from_seed(&Seed::from_bytes([1; 32]));
	let pkr = owner.public_key().one_time_address(rng);
	let asset_cm = asset::asset_cm(&AssetId::native().base().unwrap(), 7, &Scalar::rand(rng));
	let leaves = vec![note::leaf(&pkr, &asset_cm), Base::from(1u64)];
	let input = InputWitness {
		pkr,
		asset_cm,
		path: AuthPath::from_leaves(&leaves, 0).unwrap(),
		vskr: *owner.one_time_secret(&pkr).unwrap().vskr(),
		delta: Scalar::rand(rng),
		a: Scalar::rand(rng),
	};
	let output = OutputWitness { asset: AssetId::native(), value: 7, ar: Scalar::rand(rng) };
	(input, output)
}
