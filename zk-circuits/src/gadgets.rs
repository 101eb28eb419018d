//! Small gadgets the two circuits share.

use ark_ec::twisted_edwards::TECurveConfig;
use ark_ec::{AdditiveGroup, CurveGroup};
use ark_ed_on_bn254::{constraints::EdwardsVar, EdwardsConfig, EdwardsProjective};
use ark_ff::{BigInteger, One, PrimeField};
use ark_r1cs_std::{fields::fp::FpVar, prelude::*};
use ark_relations::gr1cs::{ConstraintSystemRef, SynthesisError};
use sero_crypto::{Base, Point, Scalar};
use std::sync::{Arc, Mutex};

/// The number of bits of a Baby Jubjub scalar.
pub const SCALAR_BITS: usize = 251;

/// Allocates the `n` little-endian bits of `value`'s canonical integer as witnesses.
pub fn witness_bits(
	cs: &ConstraintSystemRef<Base>,
	value: Option<impl PrimeField>,
	n: usize,
) -> Result<Vec<Boolean<Base>>, SynthesisError> {
	let bits = value.map(|v| v.into_bigint().to_bits_le());
	(0..n)
		.map(|i| {
			Boolean::new_witness(cs.clone(), || {
				bits.as_ref().map(|b| b[i]).ok_or(SynthesisError::AssignmentMissing)
			})
		})
		.collect()
}

/// Allocates a scalar's 251 bits and enforces that they encode an integer below the group
/// order: one encoding per scalar, so a secret derived from it (`nil`) is unique.
pub fn canonical_scalar_bits(
	cs: &ConstraintSystemRef<Base>,
	value: Option<Scalar>,
) -> Result<Vec<Boolean<Base>>, SynthesisError> {
	let bits = witness_bits(cs, value, SCALAR_BITS)?;
	let mut order_minus_one = Scalar::MODULUS;
	order_minus_one.sub_with_borrow(&1u64.into());
	Boolean::enforce_smaller_or_equal_than_le(&bits, order_minus_one)?;
	Ok(bits)
}

/// The bits of one window of [`fixed_base_mul`].
const WINDOW_BITS: usize = 3;

/// `k·P` for a fixed point `P` and the little-endian bits of `k`, three bits at a time.
///
/// Window `j` contributes `w·8ʲ·P` for its bits' value `w`: each coordinate of that point
/// is the multilinear polynomial in the window's bits that takes the table's value at each
/// of the eight corners, so it is a linear combination of the bits and their products
/// (four constraints for the products), with no constraint of its own. The windows' points
/// are then added with complete twisted Edwards additions (six constraints each), starting
/// from the first window's point. 251 bits cost 84 windows, 83 additions, ≈ 830 constraints,
/// against ≈ 1,000 with two-bit lookups.
pub fn fixed_base_mul(base: &Point, bits: &[Boolean<Base>]) -> Result<EdwardsVar, SynthesisError> {
	let windows = window_polynomials(base, bits.len());
	let sums = partial_sums(bits, &windows);
	let mut sum: Option<EdwardsVar> = None;
	for (j, (window, polynomials)) in bits.chunks(WINDOW_BITS).zip(windows.iter()).enumerate() {
		let point = window_lookup(window, polynomials)?;
		sum = Some(match sum {
			None => point,
			Some(sum) => add(&sum, &point, sums.as_ref().map(|s| s[j]))?,
		});
	}
	Ok(sum.unwrap_or_else(EdwardsVar::zero))
}

/// The running sums of the windows' points, natively (`None` without the bits' values):
/// one inversion for the whole chain, where adding in the circuit would invert twice per
/// addition to find each sum's coordinates.
fn partial_sums(bits: &[Boolean<Base>], windows: &[WindowPolynomials]) -> Option<Vec<Point>> {
	let mut sum = EdwardsProjective::ZERO;
	let mut sums = Vec::with_capacity(windows.len());
	for (window, polynomials) in bits.chunks(WINDOW_BITS).zip(windows) {
		let mut w = 0;
		for (i, bit) in window.iter().enumerate() {
			w |= usize::from(bit.value().ok()?) << i;
		}
		sum += polynomials.points[w];
		sums.push(sum);
	}
	Some(EdwardsProjective::normalize_batch(&sums))
}

/// `p + q` with the same six constraints as `EdwardsVar`'s complete addition, the result's
/// coordinates given rather than computed here.
fn add(
	p: &EdwardsVar,
	q: &EdwardsVar,
	result: Option<Point>,
) -> Result<EdwardsVar, SynthesisError> {
	let (a, d) = (EdwardsConfig::COEFF_A, EdwardsConfig::COEFF_D);
	let cs = p.x.cs().or(q.x.cs()).or(p.y.cs()).or(q.y.cs());
	let u = (&p.x * -a + &p.y) * (&q.x + &q.y);
	let v0 = &q.y * &p.x;
	let v1 = &q.x * &p.y;
	let v2 = &v0 * &v1 * d;
	let missing = || SynthesisError::AssignmentMissing;
	let x3 = FpVar::new_witness(cs.clone(), || result.map(|r| r.x).ok_or_else(missing))?;
	x3.mul_equals(&(&v2 + Base::one()), &(&v0 + &v1))?;
	let y3 = FpVar::new_witness(cs, || result.map(|r| r.y).ok_or_else(missing))?;
	y3.mul_equals(&(&v2 - Base::one()).negate()?, &(&u + &v0 * a - &v1))?;
	Ok(EdwardsVar::new(x3, y3))
}

/// The coefficients of one window's coordinate polynomials, by set of bits: with `m_S` the
/// product of the bits in `S`, `x = Σ_S m_S·x[S]` (and `y` alike).
struct WindowPolynomials {
	x: Vec<Base>,
	y: Vec<Base>,
	/// The window's points: `w·8ʲ·P` for each value `w`.
	points: Vec<Point>,
}

/// The windows' polynomials for `bits` bits of scalar over `base`: computed once per base and
/// length in a process (they are the same for every proof).
fn window_polynomials(base: &Point, bits: usize) -> Arc<Vec<WindowPolynomials>> {
	type Cache = Vec<((Point, usize), Arc<Vec<WindowPolynomials>>)>;
	static CACHE: Mutex<Cache> = Mutex::new(Vec::new());
	let mut cache = CACHE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
	if let Some((_, windows)) = cache.iter().find(|(key, _)| *key == (*base, bits)) {
		return windows.clone();
	}
	let mut window_base = EdwardsProjective::from(*base);
	let mut windows = Vec::with_capacity(bits.div_ceil(WINDOW_BITS));
	for start in (0..bits).step_by(WINDOW_BITS) {
		let size = 1usize << WINDOW_BITS.min(bits - start);
		// table[w] = w·window_base, then the Möbius transform over the subsets of the bits:
		// x[S] = Σ_{T⊆S} (−1)^{|S∖T|}·table[T].x, the multilinear polynomial's coefficients.
		let mut table = vec![EdwardsProjective::ZERO; size];
		for w in 1..size {
			table[w] = table[w - 1] + window_base;
		}
		let table = EdwardsProjective::normalize_batch(&table);
		let mut x: Vec<Base> = table.iter().map(|p| p.x).collect();
		let mut y: Vec<Base> = table.iter().map(|p| p.y).collect();
		for bit in 0..size.trailing_zeros() {
			for set in (0..size).filter(|set| set & (1 << bit) != 0) {
				let without = set ^ (1 << bit);
				x[set] = x[set] - x[without];
				y[set] = y[set] - y[without];
			}
		}
		windows.push(WindowPolynomials { x, y, points: table });
		for _ in 0..WINDOW_BITS {
			window_base.double_in_place();
		}
	}
	let windows = Arc::new(windows);
	cache.push(((*base, bits), windows.clone()));
	windows
}

/// The point of one window: its polynomials evaluated at the window's `bits` (little
/// endian), with one constraint per product of two or more bits.
fn window_lookup(
	bits: &[Boolean<Base>],
	polynomials: &WindowPolynomials,
) -> Result<EdwardsVar, SynthesisError> {
	// The product of the bits of each set, from the set without its highest bit.
	let mut products: Vec<Boolean<Base>> = Vec::with_capacity(polynomials.x.len());
	products.push(Boolean::TRUE);
	for set in 1..polynomials.x.len() {
		let highest = (usize::BITS - 1 - set.leading_zeros()) as usize;
		let rest = set ^ (1 << highest);
		let product =
			if rest == 0 { bits[highest].clone() } else { products[rest].clone() & &bits[highest] };
		products.push(product);
	}
	let mut x = FpVar::constant(polynomials.x[0]);
	let mut y = FpVar::constant(polynomials.y[0]);
	for (set, product) in products.iter().enumerate().skip(1) {
		let product = FpVar::from(product.clone());
		x += &product * polynomials.x[set];
		y += &product * polynomials.y[set];
	}
	Ok(EdwardsVar::new(x, y))
}

/// A point's affine coordinates as two field elements (public-input order).
pub fn coordinates(point: &Point) -> [Base; 2] {
	let (x, y) = sero_crypto::point::coordinates(point);
	[x, y]
}
