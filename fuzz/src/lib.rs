//! Fuzz targets: each takes arbitrary bytes and feeds them to something a SERO node or
//! wallet reads from outside, as that input arrives. A target must never panic or hang on
//! any input; where a decoder has an encoder, what decodes must encode back to the same
//! bytes (one encoding per value).
//!
//! | target | what it feeds | from |
//! | --- | --- | --- |
//! | [`extrinsic`] | extrinsic decoding and the pool's `validate_transaction`, in the dev chain's state with sixteen spendable notes; a block's decoding | peers, `author_submitExtrinsic`, `pow_submitBlock` |
//! | [`seal`] | `Seal` decoding, `check_height`, `check_final_hash`, `check_seal` | peers' blocks |
//! | [`crypto`] | proof, verifying-key, point, PK, TK, PKr and signature decoding; the host's Poseidon, hash-to-curve, `verify_transaction` (and its deferring twin with the batch, which must agree with it) and the batch's records | transactions, the chain |
//! | [`text`] | PK, PKr and TK text, amounts, token names | the wallet's user |
//! | [`keystore`] | keystore files | the wallet's disk |
//! | [`rpc`] | the `shielded_*` and `pow_*` parameters, decoded as the server does, and the calls they make | RPC clients |
//!
//! `cargo test -p sero-fuzz` replays the checked-in seeds (`fuzz/seeds/<target>/`) and a few
//! hundred mutants of them per target; `fuzz/libfuzzer` runs the same functions
//! coverage-guided with cargo-fuzz (docs/TESTING.md).

mod state;

use codec::{DecodeAll, DecodeLimit, Encode};
use polkadot_sdk::{
	sp_core::{Bytes, H256, U256},
	sp_runtime::{traits::Header as _, transaction_validity::TransactionSource},
};
use sero_consensus_primitives::{
	verify::{check_final_hash, check_height, check_seal, check_signature},
	Seal,
};
use sero_crypto::{
	asset::AssetId,
	keys::{OneTimeAddress, PublicKey, TracingKey},
	point, schnorr,
};
use sero_groth16::verifying_key_from_bytes;
use sero_host::shielded_crypto as host;
use sero_progpow::{LightCaches, EPOCH_LENGTH};
use sero_runtime::{opaque, Executive, Runtime, SharePool, UncheckedExtrinsic};
use sero_shielded_primitives::{Bytes32, Input, Output, SignatureBytes};
use sero_wallet::{
	amount::{display_amount, parse_amount},
	keystore::Keystore,
};
use std::sync::OnceLock;

pub use state::with_dev_state;

/// A fuzz target: a name (its seed directory) and the function.
pub type Target = (&'static str, fn(&[u8]));

/// Every target.
pub const TARGETS: &[Target] = &[
	("extrinsic", extrinsic),
	("seal", seal),
	("crypto", crypto),
	("text", text),
	("keystore", keystore),
	("rpc", rpc),
];

/// How deep an extrinsic's encoding may nest, as the executive decodes it.
const MAX_EXTRINSIC_DEPTH: u32 = 256;

/// The first byte picks the transaction's source (and, with its top bit, whether the rest is
/// also read as a whole block, as `pow_submitBlock` does first); the rest is an encoded
/// extrinsic, validated as the pool validates it.
pub fn extrinsic(data: &[u8]) {
	let Some((&selector, bytes)) = data.split_first() else { return };
	if selector & 0x80 != 0 {
		if let Ok(block) = opaque::Block::decode_all(&mut &bytes[..]) {
			assert_eq!(block.encode(), bytes, "a block has one encoding");
		}
	}
	let Ok(xt) =
		UncheckedExtrinsic::decode_all_with_depth_limit(MAX_EXTRINSIC_DEPTH, &mut &bytes[..])
	else {
		return;
	};
	let source = match selector % 3 {
		0 => TransactionSource::External,
		1 => TransactionSource::Local,
		_ => TransactionSource::InBlock,
	};
	with_dev_state(|| {
		let genesis = polkadot_sdk::frame_system::BlockHash::<Runtime>::get(0);
		let _ = Executive::validate_transaction(source, xt, genesis);
	});
}

/// The light caches of epochs 0 and 1, shared by every input.
fn caches() -> &'static LightCaches {
	static CACHES: OnceLock<LightCaches> = OnceLock::new();
	CACHES.get_or_init(LightCaches::default)
}

/// `height: u16 ‖ best: u64 ‖ difficulty: u64 ‖ pre_hash: 32 bytes ‖ seal`, little endian:
/// the seal checked as import checks it, at a height of epoch 0 or 1 (any other epoch's
/// cache takes seconds to build: a fuzzer would see hangs) if `check_height` lets that height
/// through for `best`, at any difficulty (`u64::MAX` standing for the largest); and its votes
/// checked by the runtime as import asks it to, against a draw from the dev state's pool.
pub fn seal(data: &[u8]) {
	const HEADER: usize = 2 + 8 + 8 + 32;
	if data.len() < HEADER {
		return;
	}
	let (header, bytes) = data.split_at(HEADER);
	let number = u16::from_le_bytes(header[..2].try_into().expect("2 bytes"));
	let height = u64::from(number) % (2 * EPOCH_LENGTH);
	let best = u64::from_le_bytes(header[2..10].try_into().expect("8 bytes"));
	let difficulty = match u64::from_le_bytes(header[10..18].try_into().expect("8 bytes")) {
		u64::MAX => U256::MAX,
		d => U256::from(d),
	};
	let pre_hash = H256::from_slice(&header[18..]);
	if let Some(seal) = Seal::decode_all_from(bytes) {
		assert_eq!(seal.encode(), bytes, "a seal has one encoding");
		let _ = check_signature(&pre_hash, &seal, Some(pre_hash.as_bytes()));
	}
	// As import does: the height first (epochs far from the tip are refused before any cache
	// is built), then the seal at that height, with the final hash checked first.
	let _ = check_height(best.wrapping_add(u64::from(number)), best);
	if check_height(height, best).is_ok() && check_final_hash(&pre_hash, bytes, difficulty).is_ok()
	{
		let _ = check_seal(caches(), height, &pre_hash, bytes, difficulty);
	}
	with_dev_state(|| {
		let parent = opaque::Header::new(
			1,
			Default::default(),
			Default::default(),
			Default::default(),
			Default::default(),
		);
		let _ = SharePool::check_votes(parent, pre_hash, bytes);
	});
}

/// Fixed-size decoders: each value that decodes encodes back to the same bytes.
fn round_trips<const N: usize, T>(
	bytes: &[u8],
	decode: impl Fn(&[u8; N]) -> Option<T>,
	encode: impl Fn(&T) -> [u8; N],
) {
	if let Ok(bytes) = <[u8; N]>::try_from(bytes) {
		if let Some(value) = decode(&bytes) {
			assert_eq!(encode(&value), bytes, "one encoding per value");
		}
	}
}

/// The first byte picks a decoder or a host function; the rest is its input.
pub fn crypto(data: &[u8]) {
	let Some((&which, bytes)) = data.split_first() else { return };
	match which % 8 {
		0 => round_trips(bytes, sero_groth16::proof_from_bytes, sero_groth16::proof_to_bytes),
		1 => {
			let inputs = verifying_key_from_bytes(bytes)
				.and_then(|vk| vk.gamma_abc_g1.len().checked_sub(1))
				.map(|n| n as u32);
			assert_eq!(host::groth16_public_inputs(bytes), inputs);
		},
		2 => {
			round_trips(bytes, point::decode, point::encode);
			round_trips(bytes, point::decode_on_curve, point::encode);
			if let Ok(bytes) = <[u8; 32]>::try_from(bytes) {
				if point::decode(&bytes).is_some() {
					assert!(point::decode_on_curve(&bytes).is_some());
				}
				assert_eq!(
					sero_crypto::base_from_bytes(&bytes).is_some(),
					sero_crypto::is_canonical_base(&bytes)
				);
			}
		},
		3 => {
			round_trips(bytes, OneTimeAddress::from_bytes, OneTimeAddress::to_bytes);
			round_trips(bytes, PublicKey::from_bytes, PublicKey::to_bytes);
			round_trips(bytes, TracingKey::from_bytes, TracingKey::to_bytes);
			round_trips(bytes, schnorr::Signature::from_bytes, schnorr::Signature::to_bytes);
		},
		4 => {
			let _ = host::poseidon(bytes);
		},
		5 => {
			if let Ok(bytes) = <[u8; 32]>::try_from(bytes) {
				let _ = host::hash_to_curve(&bytes);
			}
		},
		6 => {
			use pallet_shielded::benchmark_fixture::{INPUT_KEY, OUTPUT_KEY};
			let _ = host::verify_deferred_proofs(INPUT_KEY, OUTPUT_KEY, bytes);
		},
		_ => verify_transaction(bytes),
	}
}

/// The host's whole check of a transaction's cryptography, on decoded parts, under the
/// development keys.
fn verify_transaction(mut bytes: &[u8]) {
	type Parts = (
		Vec<Input>,
		Vec<Output>,
		Vec<SignatureBytes>,
		Vec<(Bytes32, Bytes32)>,
		[u8; 32],
		[u8; 64],
		Option<([u8; 96], SignatureBytes)>,
	);
	let Ok((inputs, outputs, signatures, terms, message, balance, from)) =
		Parts::decode_with_depth_limit(8, &mut bytes)
	else {
		return;
	};
	// The pallet bounds each to 16 (and the terms to two) before calling the host.
	if inputs.len() > 16 || outputs.len() > 16 || signatures.len() > 16 || terms.len() > 2 {
		return;
	}
	use pallet_shielded::benchmark_fixture::{INPUT_KEY, OUTPUT_KEY};
	let verified = host::verify_transaction(
		INPUT_KEY,
		OUTPUT_KEY,
		&inputs,
		&outputs,
		&signatures,
		&terms,
		&message,
		&balance,
		from,
	);
	// Deferring the proofs, then verifying them, accepts exactly the same.
	let deferred = host::verify_transaction_deferring_proofs(
		INPUT_KEY,
		OUTPUT_KEY,
		&inputs,
		&outputs,
		&signatures,
		&terms,
		&message,
		&balance,
		from,
	);
	let then_batched = deferred.map(|(leaves, records)| {
		(leaves, host::verify_deferred_proofs(INPUT_KEY, OUTPUT_KEY, &records))
	});
	match verified {
		Ok(leaves) => assert_eq!(then_batched, Ok((leaves, true))),
		Err(_) => assert!(!matches!(then_batched, Ok((_, true)))),
	}
}

/// Text a wallet user types: addresses, amounts, token names.
pub fn text(data: &[u8]) {
	let Ok(text) = std::str::from_utf8(data) else { return };
	if let Ok(pk) = text.parse::<PublicKey>() {
		assert_eq!(pk.to_string().parse::<PublicKey>().ok(), Some(pk));
	}
	if let Ok(pkr) = text.parse::<OneTimeAddress>() {
		assert_eq!(pkr.to_string().parse::<OneTimeAddress>().ok(), Some(pkr));
	}
	if let Ok(tk) = TracingKey::from_text(text) {
		let again = TracingKey::from_text(&tk.to_text()).expect("a TK's text reads back");
		assert_eq!(again.to_bytes(), tk.to_bytes());
	}
	let token = AssetId::token(text.as_bytes());
	for asset in [Some(AssetId::native()), token.ok()].into_iter().flatten() {
		if let Ok(value) = parse_amount(text, &asset) {
			let shown = display_amount(value, &asset);
			assert_eq!(parse_amount(&shown, &asset).ok(), Some(value), "{text:?} shown as {shown}");
		}
	}
}

/// A keystore file: read, written back and read again; opened when its KDF is cheap.
pub fn keystore(data: &[u8]) {
	let Ok(json) = serde_json::from_slice::<serde_json::Value>(data) else { return };
	let Ok(keystore) = Keystore::from_json(&json) else { return };
	let again = Keystore::from_json(&keystore.to_json()).expect("a keystore's JSON reads back");
	assert_eq!(again, keystore);
	let kdf = keystore.kdf();
	if kdf.memory_kib <= 256 && kdf.iterations <= 2 {
		let _ = keystore.open("fuzz");
	}
}

/// The first byte picks a method; the rest is its JSON parameters, decoded as the RPC
/// server decodes them and passed to what the method calls, in the dev chain's state.
pub fn rpc(data: &[u8]) {
	let Some((&method, bytes)) = data.split_first() else { return };
	let Ok(text) = std::str::from_utf8(bytes) else { return };
	let params = jsonrpsee::types::Params::new(Some(text));
	type Shielded = pallet_shielded::Pallet<Runtime>;
	match method % 5 {
		0 => {
			if let Ok((from, limit)) = params.parse::<(u64, u32)>() {
				let leaves = with_dev_state(|| Shielded::leaves(from, limit));
				assert!(
					leaves.len() <= sero_shielded_primitives::LEAVES_PAGE as usize
						&& leaves.len() <= limit as usize
				);
			}
		},
		1 => {
			if let Ok((position, root)) = params.parse::<(u64, H256)>() {
				with_dev_state(|| {
					Shielded::auth_path(position, sero_shielded_primitives::Anchor(root.0))
				});
			}
		},
		2 => {
			if let Ok((nil,)) = params.parse::<(H256,)>() {
				with_dev_state(|| Shielded::is_spent(sero_shielded_primitives::Nullifier(nil.0)));
			}
		},
		3 => {
			if let Ok((inputs, outputs)) = params.parse::<(u32, u32)>() {
				let _ = Shielded::minimum_fee(inputs, outputs);
			}
		},
		_ => {
			if let Ok((block,)) = params.parse::<(Bytes,)>() {
				let _ = opaque::Block::decode_all(&mut &block[..]);
			}
		},
	}
}
