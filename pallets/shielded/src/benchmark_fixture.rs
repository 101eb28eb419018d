//! Proven notes for the benchmarks, which cannot prove inside the runtime.
//!
//! `fixtures/benchmark.scale` holds sixteen spendable SERO notes (the leaves at positions
//! 0–15 of an empty tree) each with an input proof under the root of those sixteen leaves,
//! and sixteen output proofs, all made with the **insecure development keys**
//! (`zk-circuits/dev-keys`), together with the secrets that sign for them: public test
//! secrets, good for nothing but benchmarks. Proofs bind no transaction (the signatures
//! do), so the first `i` inputs and first `o` outputs make a valid transaction once
//! [`Fixture::transaction`] signs it.
//!
//! `SERO_REGENERATE_FIXTURES=1 cargo test -p pallet-shielded benchmark_fixture` proves a new
//! fixture (after a change of the circuits or of the development keys).

use crate::{
	types::{Circuit, RootInfo, VerifyingKeyBytes},
	Config, CurrentRoot, Frontier, Pallet, Roots, Supply, VerifyingKeys,
};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use polkadot_sdk::{frame_support::traits::fungible, frame_system, sp_runtime::BoundedVec};
use rand_core::{CryptoRng, RngCore};
use sero_crypto::{asset::AssetId, keys::scalar_from_bytes, schnorr, Scalar};
use sero_shielded_primitives::{
	Anchor, AssetCommitment, Bytes32, CallTarget, EncryptedNote, Input, Leaf, LeafRecord, Output,
	PkrBytes, ShieldedTransaction, TransactionBody, Transparent, CIPHERTEXT_BYTES,
	MAX_COMMAND_BYTES,
};

/// The fixture, SCALE-encoded.
const FIXTURE: &[u8] = include_bytes!("../fixtures/benchmark.scale");
/// The development verifying key of the input circuit.
pub const INPUT_KEY: &[u8] = include_bytes!("../../../zk-circuits/dev-keys/input.vk");
/// The development verifying key of the output circuit.
pub const OUTPUT_KEY: &[u8] = include_bytes!("../../../zk-circuits/dev-keys/output.vk");

/// The value of each spendable note: one SERO.
pub const INPUT_VALUE: u128 = 1_000_000_000_000_000_000;
/// The value of each output note.
pub const OUTPUT_VALUE: u128 = 1_000;

/// A proven input and the secrets that sign for it.
#[derive(Clone, Encode, Decode)]
pub struct FixtureInput {
	/// The input.
	pub input: Input,
	/// `zskr + a`, little-endian.
	pub spend_secret: Bytes32,
	/// `ar + δ`, little-endian.
	pub blinding: Bytes32,
}

/// A proven output and the blinding of its commitment.
#[derive(Clone, Encode, Decode)]
pub struct FixtureOutput {
	/// The output.
	pub output: Output,
	/// `ar`, little-endian.
	pub blinding: Bytes32,
}

/// Sixteen spendable notes and sixteen outputs.
#[derive(Clone, Encode, Decode)]
pub struct Fixture {
	/// The spent notes' leaves, in tree order from position 0.
	pub leaves: Vec<Leaf>,
	/// One input per leaf, all anchored at the root of `leaves`.
	pub inputs: Vec<FixtureInput>,
	/// Outputs of [`OUTPUT_VALUE`] SERO each.
	pub outputs: Vec<FixtureOutput>,
}

/// Signature nonces are derived from the secret and the message; the fixture adds no
/// entropy, so its signatures are reproducible.
struct NoEntropy;

impl RngCore for NoEntropy {
	fn next_u32(&mut self) -> u32 {
		0
	}

	fn next_u64(&mut self) -> u64 {
		0
	}

	fn fill_bytes(&mut self, dest: &mut [u8]) {
		dest.fill(0);
	}

	fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core::Error> {
		dest.fill(0);
		Ok(())
	}
}

impl CryptoRng for NoEntropy {}

fn scalar(bytes: &Bytes32) -> Scalar {
	scalar_from_bytes(bytes).expect("the fixture's scalars are canonical")
}

impl Fixture {
	/// The checked-in fixture.
	pub fn load() -> Self {
		Self::decode(&mut &FIXTURE[..]).expect("fixtures/benchmark.scale decodes")
	}

	/// The root all inputs are anchored at.
	pub fn anchor(&self) -> Anchor {
		self.inputs[0].input.anchor
	}

	/// Makes the notes spendable: the development keys, the leaves as the first of the tree,
	/// their root a valid anchor, and their value in the pool.
	///
	/// Panics if the tree was not empty: the proofs are anchored at a tree of these leaves
	/// only.
	pub fn install<T: Config>(&self) {
		VerifyingKeys::<T>::insert(
			Circuit::Input,
			VerifyingKeyBytes::truncate_from(INPUT_KEY.to_vec()),
		);
		VerifyingKeys::<T>::insert(
			Circuit::Output,
			VerifyingKeyBytes::truncate_from(OUTPUT_KEY.to_vec()),
		);
		assert_eq!(Frontier::<T>::get().size, 0, "the benchmark fixture needs an empty tree");
		for leaf in &self.leaves {
			let position = Pallet::<T>::append_leaf(*leaf).expect("an empty tree has room");
			// The fixture keeps only what the proofs need; a blank record keeps every leaf
			// with one, as the tree's pages of records require.
			Pallet::<T>::store_leaf(LeafRecord {
				position,
				pkr: [0; 96],
				asset_cm: AssetCommitment([0; 32]),
				note: EncryptedNote { epk: [0; 32], ciphertext: [0; CIPHERTEXT_BYTES] },
			});
		}
		let root = Pallet::<T>::compute_root();
		assert_eq!(root, self.anchor(), "the fixture's leaves give its anchor");
		let size = self.leaves.len() as u64;
		let now = frame_system::Pallet::<T>::block_number();
		CurrentRoot::<T>::put((root, size));
		Roots::<T>::insert(root, RootInfo { block: now, size });

		let value = INPUT_VALUE * self.leaves.len() as u128;
		<T::Currency as fungible::Mutate<T::AccountId>>::mint_into(
			&Pallet::<T>::pool_account(),
			value,
		)
		.expect("the pool account can be credited");
		Supply::<T>::mutate(sero_shielded_primitives::AssetId::from(AssetId::native()), |supply| {
			*supply += value
		});
	}

	/// A signed transaction of the first `inputs` inputs and `outputs` outputs with the
	/// transparent flow given; the fee is what balances it.
	pub fn transaction<AccountId: Encode>(
		&self,
		inputs: u32,
		outputs: u32,
		transparent: Option<Transparent<AccountId>>,
	) -> ShieldedTransaction<AccountId> {
		let inputs: Vec<usize> = (0..inputs as usize).collect();
		let outputs: Vec<usize> = (0..outputs as usize).collect();
		self.transaction_of(&inputs, &outputs, transparent)
	}

	/// A signed transaction of the fixture's inputs and outputs at these indices (an index
	/// may repeat) with the transparent flow given; the fee is what balances it.
	pub fn transaction_of<AccountId: Encode>(
		&self,
		inputs: &[usize],
		outputs: &[usize],
		transparent: Option<Transparent<AccountId>>,
	) -> ShieldedTransaction<AccountId> {
		let (mut value_in, mut value_out) =
			(INPUT_VALUE * inputs.len() as u128, OUTPUT_VALUE * outputs.len() as u128);
		match &transparent {
			Some(Transparent::In { value, .. }) => value_in += value,
			Some(Transparent::Out { value, .. } | Transparent::Call { value, .. }) => {
				value_out += value
			},
			None => {},
		}
		// A call is sent from the fixture's sender.
		let from = matches!(transparent, Some(Transparent::Call { .. })).then(|| Self::sender().0);
		let body = TransactionBody {
			inputs: BoundedVec::truncate_from(
				inputs.iter().map(|&i| self.inputs[i].input.clone()).collect(),
			),
			outputs: BoundedVec::truncate_from(
				outputs.iter().map(|&o| self.outputs[o].output.clone()).collect(),
			),
			fee: value_in.saturating_sub(value_out),
			transparent,
			from,
			package: None,
		};
		self.sign(body, inputs, outputs)
	}

	/// A signed transaction of the first `inputs` inputs and `outputs` outputs paying
	/// `value` of SERO to the module `target` with `command`, from [`Self::sender`].
	pub fn call_transaction<AccountId: Encode>(
		&self,
		inputs: u32,
		outputs: u32,
		target: CallTarget,
		value: u128,
		command: &[u8],
	) -> ShieldedTransaction<AccountId> {
		let command = BoundedVec::truncate_from(command[..].to_vec());
		debug_assert!(command.len() <= MAX_COMMAND_BYTES as usize);
		let asset = AssetId::native().into();
		self.transaction(inputs, outputs, Some(Transparent::Call { target, asset, value, command }))
	}

	/// The one-time address the fixture's calls are sent from, and its `zskr`: a public test
	/// secret (`ZPKr = zskr·G`; `VPKr` and `BASEr` are other multiples of `G`).
	pub fn sender() -> (PkrBytes, Scalar) {
		let zskr = Scalar::from(7u64);
		let point = |k: u64| {
			sero_crypto::point::encode(&schnorr::public_key(schnorr::Domain::From, &k.into()))
		};
		let mut pkr = [0u8; 96];
		pkr[..32].copy_from_slice(&point(7));
		pkr[32..64].copy_from_slice(&point(11));
		pkr[64..].copy_from_slice(&point(13));
		(pkr, zskr)
	}

	/// Signs `body`, whose inputs and outputs are (or were made from) the fixture's at these
	/// indices: one spend signature per input, the balance signature, and with a `From`, the
	/// `From` signature by [`Self::sender`].
	pub fn sign<AccountId: Encode>(
		&self,
		body: TransactionBody<AccountId>,
		inputs: &[usize],
		outputs: &[usize],
	) -> ShieldedTransaction<AccountId> {
		let hash = body.signing_hash();
		let spend_signatures = inputs
			.iter()
			.map(|&i| {
				schnorr::sign(
					schnorr::Domain::Spend,
					&scalar(&self.inputs[i].spend_secret),
					&hash,
					&mut NoEntropy,
				)
				.to_bytes()
			})
			.collect();
		let bsk = inputs.iter().map(|&i| scalar(&self.inputs[i].blinding)).sum::<Scalar>()
			- outputs.iter().map(|&o| scalar(&self.outputs[o].blinding)).sum::<Scalar>();
		let balance_signature =
			schnorr::sign(schnorr::Domain::Balance, &bsk, &hash, &mut NoEntropy).to_bytes();
		let from_signature = body.from.map(|_| {
			schnorr::sign(schnorr::Domain::From, &Self::sender().1, &hash, &mut NoEntropy)
				.to_bytes()
		});
		ShieldedTransaction {
			body,
			spend_signatures: BoundedVec::truncate_from(spend_signatures),
			balance_signature,
			from_signature,
		}
	}
}
