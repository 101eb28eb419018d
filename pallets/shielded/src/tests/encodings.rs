//! Field elements the chain keys storage by or compares as bytes must be canonical; points
//! too (issue 12, hole 2). `x + p` is the same field element as `x` to a proof and to
//! Poseidon, so without the check a spent note's `nil + p` would verify and spend it again.

use super::*;
use ark_ff::{BigInt, BigInteger, PrimeField};

/// `x + p` for the 32 little-endian bytes of `x`, if it fits in `bits` bits.
fn plus_modulus(bytes: &[u8; 32], bits: u32) -> Option<[u8; 32]> {
	let mut limbs = [0u64; 4];
	for (limb, chunk) in limbs.iter_mut().zip(bytes.chunks_exact(8)) {
		*limb = u64::from_le_bytes(chunk.try_into().unwrap());
	}
	let mut x = BigInt(limbs);
	let carry = x.add_with_carry(&Base::MODULUS);
	(!carry && x.num_bits() <= bits).then(|| x.to_bytes_le().try_into().unwrap())
}

/// A point encoding with `p` added to its `y` (the low 255 bits; the top bit is the sign
/// of `x`): the same point, a second encoding.
fn point_plus_modulus(bytes: &[u8; 32]) -> [u8; 32] {
	let mut y = *bytes;
	y[31] &= 0x7f;
	let mut shifted = plus_modulus(&y, 255).expect("y + p fits in 255 bits");
	shifted[31] |= bytes[31] & 0x80;
	shifted
}

/// `tx` with `change` made to its body, signed again by the fixture's secrets: nothing
/// else is wrong with it.
fn resigned(
	fixture: &Fixture,
	tx: &Tx,
	inputs: &[usize],
	outputs: &[usize],
	change: impl FnOnce(&mut sero_shielded_primitives::TransactionBody<u64>),
) -> Tx {
	let mut body = tx.body.clone();
	change(&mut body);
	fixture.sign(body, inputs, outputs)
}

#[test]
fn a_nullifier_plus_the_modulus_is_refused() {
	with_fixture(1, |fixture| {
		let tx = fixture.transaction_of(&[0], &[0], None);
		let nil = tx.body.inputs[0].nil;
		let shifted = Nullifier(plus_modulus(&nil.0, 256).expect("a nil is below 2^254"));
		assert_eq!(
			Base::from_le_bytes_mod_order(&shifted.0),
			Base::from_le_bytes_mod_order(&nil.0)
		);
		let replay = resigned(&fixture, &tx, &[0], &[0], |body| body.inputs[0].nil = shifted);

		assert_refused(&replay, Error::<Test>::NonCanonicalNullifier);
		assert_applies_in_block(&tx);
		// Once the note is spent, its second encoding is what a double spend would try.
		assert_refused(&replay, Error::<Test>::NonCanonicalNullifier);
		assert!(!Nullifiers::<Test>::contains_key(shifted));
	});
}

#[test]
fn an_anchor_plus_the_modulus_is_refused() {
	with_fixture(1, |fixture| {
		let tx = fixture.transaction_of(&[0], &[0], None);
		let shifted = Anchor(plus_modulus(&tx.body.inputs[0].anchor.0, 256).unwrap());
		let replay = resigned(&fixture, &tx, &[0], &[0], |body| body.inputs[0].anchor = shifted);
		assert_refused(&replay, Error::<Test>::NonCanonicalAnchor);
		assert_applies_in_block(&tx);
	});
}

/// Every point of a transaction has one encoding: a second one of `asset_cm'`, `zpka`,
/// `asset_cm` or any part of a PKr is refused, though it is the same point.
#[test]
fn a_second_encoding_of_a_point_is_refused() {
	with_fixture(1, |fixture| {
		let tx = fixture.transaction_of(&[0], &[0], None);
		let cases: [(&str, fn(&mut sero_shielded_primitives::TransactionBody<u64>)); 6] = [
			("input asset_cm'", |b| {
				b.inputs[0].asset_cm = AssetCommitment(point_plus_modulus(&b.inputs[0].asset_cm.0))
			}),
			("zpka", |b| b.inputs[0].zpka = point_plus_modulus(&b.inputs[0].zpka)),
			("output asset_cm", |b| {
				b.outputs[0].asset_cm =
					AssetCommitment(point_plus_modulus(&b.outputs[0].asset_cm.0))
			}),
			("ZPKr", |b| {
				let part: [u8; 32] = b.outputs[0].pkr[..32].try_into().unwrap();
				b.outputs[0].pkr[..32].copy_from_slice(&point_plus_modulus(&part));
			}),
			("VPKr", |b| {
				let part: [u8; 32] = b.outputs[0].pkr[32..64].try_into().unwrap();
				b.outputs[0].pkr[32..64].copy_from_slice(&point_plus_modulus(&part));
			}),
			("BASEr", |b| {
				let part: [u8; 32] = b.outputs[0].pkr[64..].try_into().unwrap();
				b.outputs[0].pkr[64..].copy_from_slice(&point_plus_modulus(&part));
			}),
		];
		for (what, change) in cases {
			let mut body = tx.body.clone();
			change(&mut body);
			assert_ne!(body, tx.body, "{what}");
			assert_refused(&fixture.sign(body, &[0], &[0]), Error::<Test>::MalformedPoint);
		}
		// A point with x = 0 has a second encoding with the sign bit set (the curve decodes
		// it, both roots being 0): refused as a malformed point, before any proof is
		// checked against it.
		for encoding in [point::encode(&Default::default()), {
			let order_two = sero_crypto::Point::new_unchecked(Base::from(0u64), -Base::from(1u64));
			point::encode(&order_two)
		}] {
			let mut second = encoding;
			second[31] |= 0x80;
			let mut body = tx.body.clone();
			body.outputs[0].asset_cm = AssetCommitment(second);
			assert_refused(&fixture.sign(body, &[0], &[0]), Error::<Test>::MalformedPoint);
		}
		assert_applies_in_block(&tx);
	});
}
