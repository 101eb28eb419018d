//! Host functions for shielded transactions.
//!
//! The cryptography of a shielded transaction (Groth16 pairings on BN254, scalar
//! multiplications on Baby Jubjub) costs tens of milliseconds compiled to wasm and a few
//! natively. The runtime calls these functions and the node runs them natively; they are
//! pure functions of their arguments, deterministic on every node, and never panic: bad
//! bytes give an error or `None`.
//!
//! The node registers [`shielded_crypto::HostFunctions`] in its executor.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use codec::{Decode, Encode};
use sero_shielded_primitives::{Bytes32, Input, Output, PkrBytes, SignatureBytes};
use sp_runtime_interface::{
	pass_by::{
		AllocateAndReturnByCodec, PassFatPointerAndDecode, PassFatPointerAndDecodeSlice,
		PassFatPointerAndRead, PassPointerAndRead,
	},
	runtime_interface,
};

#[cfg(feature = "std")]
pub mod memo;
#[cfg(feature = "std")]
mod native;

/// Why [`shielded_crypto::verify_transaction`] refuses a transaction: the first check that
/// failed, in the order the checks run.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode)]
pub enum Rejection {
	/// A verifying key does not decode.
	InvalidVerifyingKey,
	/// A point does not decode (or, for a one-time address, is not a point of the
	/// prime-order subgroup other than the identity).
	MalformedPoint,
	/// The input proofs do not all verify.
	InvalidInputProof,
	/// The output proofs do not all verify.
	InvalidOutputProof,
	/// A spend signature is missing or does not verify.
	InvalidSpendSignature,
	/// The balance signature does not verify under the commitments' balance.
	Unbalanced,
	/// The `From` signature is missing or does not verify under `From`'s `ZPKr`.
	InvalidFromSignature,
}

/// Cryptography of shielded transactions, run natively.
#[runtime_interface]
pub trait ShieldedCrypto {
	/// Version 1, for runtimes before `From` (spec 102 and older): version 2 without a
	/// `From`.
	fn verify_transaction(
		input_vk: PassFatPointerAndRead<&[u8]>,
		output_vk: PassFatPointerAndRead<&[u8]>,
		inputs: PassFatPointerAndDecodeSlice<&[Input]>,
		outputs: PassFatPointerAndDecodeSlice<&[Output]>,
		spend_signatures: PassFatPointerAndDecodeSlice<&[SignatureBytes]>,
		public_terms: PassFatPointerAndDecodeSlice<&[(Bytes32, Bytes32)]>,
		message: PassPointerAndRead<&[u8; 32], 32>,
		balance_signature: PassPointerAndRead<&[u8; 64], 64>,
	) -> AllocateAndReturnByCodec<Result<alloc::vec::Vec<Bytes32>, Rejection>> {
		native::verify_transaction(
			native::Keys { input: input_vk, output: output_vk },
			native::Transaction {
				inputs,
				outputs,
				spend_signatures,
				public_terms,
				message,
				balance_signature,
				from: None,
			},
		)
	}

	/// Every cryptographic check of a shielded transaction (SPEC §5), in one call that
	/// decodes each point once:
	///
	/// 1. the points: each output's PKr must be three points of the prime-order subgroup
	///    other than the identity; the inputs' `asset_cm'` and `zpka` and the outputs'
	///    `asset_cm` need only be on the curve, because the proofs bind them to points
	///    their circuits compute in the subgroup (`sero_crypto::point::decode_on_curve`);
	/// 2. the input proofs under `input_vk` and the output proofs under `output_vk`, as one
	///    batch (`sero_groth16::verify_batches`);
	/// 3. one spend signature of `message` per input, under its `zpka`;
	/// 4. the balance signature of `message` under
	///    `Σ asset_cm'_in − Σ asset_cm_out + Σ scalar·base` over `public_terms`
	///    (`(base, scalar)`: the fee and any transparent amount, bases of the subgroup);
	/// 5. with a `from` (`(PKr, signature)`), the `From` signature of `message` under the
	///    PKr's `ZPKr` (its points are checked as an output's are, in step 1).
	///
	/// Returns the outputs' leaves, `Poseidon(PKr, asset_cm)`, in order. Prepared keys are
	/// cached by digest; a node that turned on `sero_host::memo` answers arguments it accepted
	/// before from it.
	#[version(2)]
	fn verify_transaction(
		input_vk: PassFatPointerAndRead<&[u8]>,
		output_vk: PassFatPointerAndRead<&[u8]>,
		inputs: PassFatPointerAndDecodeSlice<&[Input]>,
		outputs: PassFatPointerAndDecodeSlice<&[Output]>,
		spend_signatures: PassFatPointerAndDecodeSlice<&[SignatureBytes]>,
		public_terms: PassFatPointerAndDecodeSlice<&[(Bytes32, Bytes32)]>,
		message: PassPointerAndRead<&[u8; 32], 32>,
		balance_signature: PassPointerAndRead<&[u8; 64], 64>,
		from: PassFatPointerAndDecode<Option<(PkrBytes, SignatureBytes)>>,
	) -> AllocateAndReturnByCodec<Result<alloc::vec::Vec<Bytes32>, Rejection>> {
		native::verify_transaction(
			native::Keys { input: input_vk, output: output_vk },
			native::Transaction {
				inputs,
				outputs,
				spend_signatures,
				public_terms,
				message,
				balance_signature,
				from,
			},
		)
	}

	/// [`verify_transaction`](shielded_crypto::verify_transaction)'s checks but the proofs'
	/// (step 2), which it returns instead, for [`verify_deferred_proofs`] to check in one
	/// batch with the block's others: the leaves, and the proofs as records (their circuit,
	/// public inputs and bytes; empty when the node's memo holds these arguments verified in
	/// full). The keys must decode. A proof that does not decode, or a field element of an
	/// input that is not canonical, is refused by the batch, not here.
	///
	/// Sound only when the records are batch-verified before the block ends, under the same
	/// keys (`pallet_shielded` does, in `on_finalize`, and before it changes a key).
	fn verify_transaction_deferring_proofs(
		input_vk: PassFatPointerAndRead<&[u8]>,
		output_vk: PassFatPointerAndRead<&[u8]>,
		inputs: PassFatPointerAndDecodeSlice<&[Input]>,
		outputs: PassFatPointerAndDecodeSlice<&[Output]>,
		spend_signatures: PassFatPointerAndDecodeSlice<&[SignatureBytes]>,
		public_terms: PassFatPointerAndDecodeSlice<&[(Bytes32, Bytes32)]>,
		message: PassPointerAndRead<&[u8; 32], 32>,
		balance_signature: PassPointerAndRead<&[u8; 64], 64>,
		from: PassFatPointerAndDecode<Option<(PkrBytes, SignatureBytes)>>,
	) -> AllocateAndReturnByCodec<Result<(alloc::vec::Vec<Bytes32>, alloc::vec::Vec<u8>), Rejection>>
	{
		native::verify_transaction_deferring_proofs(
			native::Keys { input: input_vk, output: output_vk },
			native::Transaction {
				inputs,
				outputs,
				spend_signatures,
				public_terms,
				message,
				balance_signature,
				from,
			},
		)
	}

	/// Whether every proof of `records` (concatenated records of
	/// [`verify_transaction_deferring_proofs`]) verifies under its circuit's key: one batch
	/// (`sero_groth16::verify_batches`), whose fixed cost (three Miller loops per key and a
	/// final exponentiation) is paid once for all. `false` if a record, a field element, a
	/// proof or a key does not decode; `true` for no records under keys that decode.
	fn verify_deferred_proofs(
		input_vk: PassFatPointerAndRead<&[u8]>,
		output_vk: PassFatPointerAndRead<&[u8]>,
		records: PassFatPointerAndRead<&[u8]>,
	) -> bool {
		native::verify_deferred_proofs(native::Keys { input: input_vk, output: output_vk }, records)
	}

	/// The number of public inputs of the verifying key `vk`; `None` if `vk` is not a valid
	/// key. Lets the runtime refuse a bad key before storing it.
	fn groth16_public_inputs(
		vk: PassFatPointerAndRead<&[u8]>,
	) -> AllocateAndReturnByCodec<Option<u32>> {
		native::groth16_public_inputs(vk)
	}

	/// Poseidon (circomlib parameters) of 1, 2, 3 or 8 field elements, each 32 bytes
	/// little endian and canonical; `None` for another count or a non-canonical element.
	fn poseidon(
		inputs: PassFatPointerAndRead<&[u8]>,
	) -> AllocateAndReturnByCodec<Option<[u8; 32]>> {
		native::poseidon(inputs)
	}

	/// `HashToCurve(m)` of a canonical field element: an asset's base. `None` if `m` is not
	/// canonical or the map fails on it.
	fn hash_to_curve(
		m: PassPointerAndRead<&[u8; 32], 32>,
	) -> AllocateAndReturnByCodec<Option<[u8; 32]>> {
		native::hash_to_curve(m)
	}
}
