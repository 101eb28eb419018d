//! Multi-scalar multiplication for the prover: `Σ kᵢ·Pᵢ` over a proving key's points.
//!
//! A Groth16 proof is five of them (SPEC §5: the A, B and C elements of the proof; B once in
//! G1 and once in G2, C over the H and L queries), and they are most of its time. This is
//! Pippenger's bucket method with two choices that arkworks' general-purpose MSM does not
//! make:
//!
//! - **batch-affine bucket sums.** Each scalar is cut into signed `c`-bit digits; the point
//!   goes, negated for a negative digit, into the bucket of its window and digit magnitude.
//!   A bucket's points are summed pairwise, level by level, in affine coordinates: an
//!   affine addition needs one inversion, and one inversion is shared by every pair of a
//!   level (Montgomery's trick), so an addition costs ≈ 6 field multiplications instead of
//!   the ≈ 10 of arkworks' extended-Jacobian bucket addition. Buckets are summed a
//!   cache-sized group at a time: over the whole MSM at once, memory traffic ate the saving.
//! - **a window sized to the scalars.** The window `c` minimises the estimated cost: one
//!   affine addition per non-zero digit plus, per bucket, the two Jacobian additions of
//!   the windows' running sums (≈ 4 affine ones). A witness of bits and small values has
//!   few digits, so it gets small windows and few buckets; only as many windows as the
//!   largest scalar needs are used.
//!
//! Exceptional pairs (two points with the same `x`: equal points, or a point and its
//! negation) are added in projective coordinates, and bases at infinity are skipped, so
//! the result is exact for every input: the tests check it against arkworks'
//! `VariableBaseMSM` on random, small, negated, repeated and infinite inputs.

use ark_ec::{
	short_weierstrass::{Affine, Projective, SWCurveConfig},
	AdditiveGroup, AffineRepr, CurveGroup,
};
use ark_ff::{batch_inversion, BigInteger, Field, PrimeField, Zero};
use core::cell::Cell;

/// A scalar of the curve `C` as an integer (its canonical, non-Montgomery form).
pub type ScalarInt<C> = <<C as ark_ec::CurveConfig>::ScalarField as PrimeField>::BigInt;

/// Estimated cost of a window's running sum, per bucket, in units of one batch-affine
/// addition (a mixed and a full Jacobian addition, ≈ 27 multiplications, against ≈ 6 and
/// the additions and subtractions around them).
const RUNNING_SUM_COST: u64 = 4;

/// About how many points of buckets are summed together (see [`bucket_sums`]): a group's
/// first level writes 4,096 sums of 72 bytes beside 4,096 denominators and their partial
/// products of 32 bytes each (≈ 550 KB), about a core's second-level cache. (Summing all
/// buckets level by level at once took 1.5× as long on the MSM of 16k G1 points.)
const GROUP_ENTRIES: usize = 8192;

/// The window sizes considered.
const WINDOWS: core::ops::RangeInclusive<usize> = 2..=16;

/// `Σ scalars[i]·bases[i]`, over the shorter of the two slices.
pub fn msm<C: SWCurveConfig>(bases: &[Affine<C>], scalars: &[ScalarInt<C>]) -> Projective<C> {
	msm_in_parts(bases, scalars, NEGATED as usize)
}

/// [`msm`] in parts of fewer than `limit` bases each (a base's index must fit beside the
/// sign bit of [`Sorted`]'s entries).
fn msm_in_parts<C: SWCurveConfig>(
	bases: &[Affine<C>],
	scalars: &[ScalarInt<C>],
	limit: usize,
) -> Projective<C> {
	let n = bases.len().min(scalars.len());
	let (bases, scalars) = (&bases[..n], &scalars[..n]);
	if n >= limit {
		let half = n / 2;
		return msm_in_parts(&bases[..half], &scalars[..half], limit)
			+ msm_in_parts(&bases[half..], &scalars[half..], limit);
	}
	let Some(window) = Window::for_scalars(scalars) else { return Projective::zero() };
	total(&bucket_sums(bases, &Sorted::new(bases, scalars, &window)), &window)
}

/// The digit layout: `count` windows of `bits` bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Window {
	bits: usize,
	count: usize,
}

impl Window {
	/// The cheapest window for `scalars` (`None` if all are zero).
	fn for_scalars<I: BigInteger>(scalars: &[I]) -> Option<Self> {
		// How many scalars have each bit length.
		let mut lengths = vec![0u64; 64 * I::NUM_LIMBS + 1];
		for scalar in scalars {
			lengths[scalar.num_bits() as usize] += 1;
		}
		let longest = lengths.iter().rposition(|&count| count > 0).filter(|&bits| bits > 0)?;
		WINDOWS
			.map(|bits| {
				// Signed digits need one bit of headroom above the longest scalar.
				let window = Self { bits, count: (longest + 1).div_ceil(bits) };
				let digits: u64 = lengths
					.iter()
					.enumerate()
					.map(|(length, &count)| count * length.div_ceil(bits) as u64)
					.sum();
				let buckets = (window.count as u64) << (bits - 1);
				(digits + RUNNING_SUM_COST * buckets, window)
			})
			.min_by_key(|(cost, _)| *cost)
			.map(|(_, window)| window)
	}

	/// Buckets per window: one per digit magnitude `1..=2^(bits-1)`.
	fn buckets_per_window(&self) -> usize {
		1 << (self.bits - 1)
	}

	/// The signed digits of `scalar`, lowest first: `scalar = Σ dⱼ·2^(bits·j)` with every
	/// `dⱼ` in `(-2^(bits-1), 2^(bits-1)]`. The last window holds at most `bits - 1` bits of
	/// the scalar plus a carry, so its digit is never negative and needs no further carry.
	fn digits<'a>(&self, scalar: &'a [u64]) -> impl Iterator<Item = i64> + 'a {
		let (bits, count) = (self.bits, self.count);
		let half = 1u64 << (bits - 1);
		let mut carry = 0;
		(0..count).map(move |j| {
			let value = bits_at(scalar, j * bits, bits) + carry;
			if value > half {
				carry = 1;
				value as i64 - (1i64 << bits)
			} else {
				carry = 0;
				value as i64
			}
		})
	}
}

/// The `len` bits of `limbs` (little-endian) from bit `start`; zero beyond the end.
fn bits_at(limbs: &[u64], start: usize, len: usize) -> u64 {
	let (limb, shift) = (start / 64, start % 64);
	let Some(&low) = limbs.get(limb) else { return 0 };
	let mut value = low >> shift;
	if shift + len > 64 {
		value |= limbs.get(limb + 1).map_or(0, |high| high << (64 - shift));
	}
	value & ((1 << len) - 1)
}

/// Marks an entry of [`Sorted`] whose base is negated.
const NEGATED: u32 = 1 << 31;

/// Every non-zero digit, sorted by bucket: bucket `b` holds `entries[offsets[b]..offsets[b + 1]]`,
/// each the index of a base, with [`NEGATED`] set where the digit is negative. Bucket
/// `j·buckets_per_window + m - 1` gathers the bases whose digit in window `j` has magnitude
/// `m`. (Sorting 4-byte indices rather than the points themselves keeps the scattered
/// writes in the cache.)
struct Sorted {
	entries: Vec<u32>,
	offsets: Vec<usize>,
}

impl Sorted {
	/// A counting sort of the digits of `scalars` (fewer than 2³¹ of them), skipping bases
	/// at infinity.
	fn new<C: SWCurveConfig>(
		bases: &[Affine<C>],
		scalars: &[ScalarInt<C>],
		window: &Window,
	) -> Self {
		let (count, per_window) = (window.count, window.buckets_per_window());
		// Each scalar's digits, window after window.
		let mut digits = vec![0i32; bases.len() * count];
		for ((base, scalar), digits) in bases.iter().zip(scalars).zip(digits.chunks_mut(count)) {
			if !base.is_zero() {
				for (slot, digit) in digits.iter_mut().zip(window.digits(scalar.as_ref())) {
					*slot = digit as i32;
				}
			}
		}
		let bucket = |j: usize, digit: i32| j * per_window + digit.unsigned_abs() as usize - 1;
		let mut offsets = vec![0usize; count * per_window + 1];
		for digits in digits.chunks(count) {
			for (j, &digit) in digits.iter().enumerate().filter(|(_, &digit)| digit != 0) {
				offsets[bucket(j, digit) + 1] += 1;
			}
		}
		for b in 1..offsets.len() {
			offsets[b] += offsets[b - 1];
		}
		let mut next = offsets.clone();
		let mut entries = vec![0u32; offsets[offsets.len() - 1]];
		for (i, digits) in digits.chunks(count).enumerate() {
			for (j, &digit) in digits.iter().enumerate().filter(|(_, &digit)| digit != 0) {
				let slot = &mut next[bucket(j, digit)];
				entries[*slot] = i as u32 | if digit < 0 { NEGATED } else { 0 };
				*slot += 1;
			}
		}
		Self { entries, offsets }
	}
}

/// The sum of each bucket's points (`None` for an empty bucket or a sum at infinity).
///
/// Each bucket's points are added pairwise until one is left: a level halves every bucket
/// with one shared inversion for all its additions. The buckets are taken in groups of
/// about [`GROUP_ENTRIES`] points, so that a group's points, denominators and partial
/// products stay in the cache through all its levels.
fn bucket_sums<C: SWCurveConfig>(bases: &[Affine<C>], sorted: &Sorted) -> Vec<Option<Affine<C>>> {
	let bucket_count = sorted.offsets.len() - 1;
	let mut sums = Vec::with_capacity(bucket_count);
	let (mut scratch, mut inverses) = (Vec::new(), Vec::new());
	let mut first = 0;
	while first < bucket_count {
		let start = sorted.offsets[first];
		let mut end = first + 1;
		while end < bucket_count && sorted.offsets[end + 1] - start <= GROUP_ENTRIES {
			end += 1;
		}
		// The group's first level reads the bases; the others work in place.
		let base = |k: usize| {
			let entry = sorted.entries[start + k];
			let base = bases[(entry & !NEGATED) as usize];
			if entry & NEGATED == 0 {
				base
			} else {
				-base
			}
		};
		let group: Vec<usize> = sorted.offsets[first..=end].iter().map(|o| o - start).collect();
		scratch.clear();
		let mut group = add_pairs(&group, base, &mut inverses, |sum| scratch.push(sum));
		while group.windows(2).any(|bucket| bucket[1] - bucket[0] > 1) {
			let cells = Cell::from_mut(&mut scratch[..]).as_slice_of_cells();
			let mut written = 0;
			group = add_pairs(
				&group,
				|k| cells[k].get(),
				&mut inverses,
				|sum| {
					cells[written].set(sum);
					written += 1;
				},
			);
		}
		sums.extend(group.windows(2).map(|bucket| scratch[bucket[0]..bucket[1]].first().copied()));
		first = end;
	}
	sums
}

/// `Σⱼ 2^(bits·j) Σₘ m·bucket(j, m)` from the buckets' sums, each window by a running sum
/// from its largest digit down, the windows by doubling.
fn total<C: SWCurveConfig>(sums: &[Option<Affine<C>>], window: &Window) -> Projective<C> {
	let mut total = Projective::<C>::zero();
	for window_sums in sums.chunks(window.buckets_per_window()).rev() {
		for _ in 0..window.bits {
			total.double_in_place();
		}
		let (mut running, mut sum) = (Projective::<C>::zero(), Projective::<C>::zero());
		for bucket in window_sums.iter().rev() {
			if let Some(point) = bucket {
				running += point;
			}
			sum += &running;
		}
		total += sum;
	}
	total
}

/// One level of pairwise sums over buckets laid out by `offsets`, `point(k)` the `k`-th
/// point: the points `2k` and `2k + 1` of every bucket are added, an odd last point is kept,
/// and the results are handed to `append` bucket after bucket. Returns the new offsets.
/// (Used in place, `append` only overwrites points already read.)
fn add_pairs<C: SWCurveConfig>(
	offsets: &[usize],
	point: impl Fn(usize) -> Affine<C>,
	inverses: &mut Vec<C::BaseField>,
	mut append: impl FnMut(Affine<C>),
) -> Vec<usize> {
	let buckets = offsets.len() - 1;
	let pairs = |b: usize| (offsets[b]..offsets[b + 1].saturating_sub(1)).step_by(2);
	// The denominators `x₂ - x₁` of every pair, inverted together.
	inverses.clear();
	for b in 0..buckets {
		for k in pairs(b) {
			let (p, q) = (point(k), point(k + 1));
			if p.x != q.x {
				inverses.push(q.x - p.x);
			}
		}
	}
	batch_inversion(inverses);
	let mut inverses = inverses.iter();

	let mut next_offsets = Vec::with_capacity(offsets.len());
	next_offsets.push(0);
	let mut appended = 0;
	for b in 0..buckets {
		for k in pairs(b) {
			let (p, q) = (point(k), point(k + 1));
			let inverse = if p.x != q.x { inverses.next() } else { None };
			let sum = match inverse {
				// λ = (y₂ - y₁)/(x₂ - x₁); x₃ = λ² - x₁ - x₂; y₃ = λ(x₁ - x₃) - y₁.
				Some(inverse) => {
					let lambda = (q.y - p.y) * inverse;
					let x = lambda.square() - p.x - q.x;
					let y = lambda * (p.x - x) - p.y;
					Some(Affine::new_unchecked(x, y))
				},
				// Equal points or a point and its negation (no inverse was taken for them).
				None => Some((p.into_group() + q).into_affine()).filter(|sum| !sum.is_zero()),
			};
			if let Some(sum) = sum {
				append(sum);
				appended += 1;
			}
		}
		if (offsets[b + 1] - offsets[b]) % 2 == 1 {
			append(point(offsets[b + 1] - 1));
			appended += 1;
		}
		next_offsets.push(appended);
	}
	next_offsets
}

#[cfg(test)]
mod tests {
	use super::*;
	use ark_bn254::{Fr, G1Affine, G1Projective, G2Affine, G2Projective};
	use ark_ec::VariableBaseMSM;
	use ark_ff::UniformRand;
	use ark_std::rand::{rngs::StdRng, Rng, SeedableRng};

	/// Random points and random scalars of every kind a witness holds: zero, one, minus one,
	/// bits, small values, small negative values, full-size values.
	fn inputs<G: CurveGroup<ScalarField = Fr>>(
		n: usize,
		rng: &mut StdRng,
	) -> (Vec<G::Affine>, Vec<Fr>) {
		let bases = (0..n).map(|_| G::rand(rng)).collect::<Vec<_>>();
		let scalars = (0..n)
			.map(|i| match i % 7 {
				0 => Fr::zero(),
				1 => Fr::from(1u64),
				2 => -Fr::from(1u64),
				3 => Fr::from(rng.gen::<u8>() as u64),
				4 => -Fr::from(rng.gen::<u32>() as u64),
				5 => Fr::from(rng.gen::<u64>()),
				_ => Fr::rand(rng),
			})
			.collect();
		(G::normalize_batch(&bases), scalars)
	}

	/// The scalars as integers, as [`msm`] takes them.
	fn ints(scalars: &[Fr]) -> Vec<<Fr as PrimeField>::BigInt> {
		scalars.iter().map(|s| s.into_bigint()).collect()
	}

	/// Mixed scalars, from no point to a thousand, in G1 and G2.
	#[test]
	fn equals_arkworks_on_g1_and_g2() {
		let mut rng = StdRng::seed_from_u64(1);
		for n in [0, 1, 2, 3, 10, 100, 1000] {
			let (bases, scalars) = inputs::<G1Projective>(n, &mut rng);
			let expected = G1Projective::msm(&bases, &scalars).unwrap();
			assert_eq!(msm(&bases, &ints(&scalars)), expected, "G1, {n} points");
			let (bases, scalars) = inputs::<G2Projective>(n / 4, &mut rng);
			let expected = G2Projective::msm(&bases, &scalars).unwrap();
			assert_eq!(msm(&bases, &ints(&scalars)), expected, "G2, {} points", n / 4);
		}
	}

	/// Only full-size scalars (large windows, many groups of buckets), only bits (one
	/// window of small digits), only ones (one bucket larger than a group).
	#[test]
	fn equals_arkworks_for_uniform_scalars() {
		let mut rng = StdRng::seed_from_u64(2);
		let n = GROUP_ENTRIES + 1000;
		let (bases, _) = inputs::<G1Projective>(n, &mut rng);
		let full: Vec<Fr> = (0..n).map(|_| Fr::rand(&mut rng)).collect();
		let bits: Vec<Fr> = (0..n).map(|_| Fr::from(rng.gen::<bool>() as u64)).collect();
		let ones = vec![Fr::from(1u64); n];
		for scalars in [full, bits, ones] {
			let window = Window::for_scalars(&ints(&scalars)).unwrap();
			assert_eq!(
				msm(&bases, &ints(&scalars)),
				G1Projective::msm(&bases, &scalars).unwrap(),
				"{window:?}"
			);
		}
	}

	/// Repeated points meet in a bucket (a doubling), a point and its negation cancel (the
	/// sum at infinity, which must not be added on as if it were a point), and points at
	/// infinity are skipped: the exceptional additions.
	#[test]
	fn equal_opposite_and_infinite_points() {
		let mut rng = StdRng::seed_from_u64(3);
		let p = G1Affine::rand(&mut rng);
		let q = G1Affine::rand(&mut rng);
		let r = G1Affine::rand(&mut rng);
		let five = Fr::from(5u64);
		let cases: [(Vec<G1Affine>, Vec<Fr>); 5] = [
			(vec![p; 8], vec![five; 8]),
			(vec![p, -p, p, -p, q], vec![five; 5]),
			(vec![p, -p, q, r], vec![five; 4]),
			(vec![p, -p], vec![five, five]),
			(vec![G1Affine::zero(), p, G1Affine::zero()], vec![five, five, Fr::rand(&mut rng)]),
		];
		for (bases, scalars) in cases {
			let expected = G1Projective::msm(&bases, &scalars).unwrap();
			assert_eq!(msm(&bases, &ints(&scalars)), expected);
		}
		let g2 = G2Affine::rand(&mut rng);
		let bases = [g2, g2, -g2, g2];
		let scalars = [five, five, Fr::from(10u64), Fr::from(3u64)];
		assert_eq!(msm(&bases, &ints(&scalars)), G2Projective::msm(&bases, &scalars).unwrap());
	}

	/// Scalars whose top bits fill their window (3 in 2-bit windows, 2⁶⁴ - 1) need the
	/// window of headroom above the longest scalar for the last digit's carry.
	#[test]
	fn the_last_window_takes_the_carry() {
		let mut rng = StdRng::seed_from_u64(5);
		let (bases, _) = inputs::<G1Projective>(64, &mut rng);
		for value in [3, 7, u64::MAX] {
			let scalars = vec![Fr::from(value); 64];
			let expected = G1Projective::msm(&bases, &scalars).unwrap();
			assert_eq!(msm(&bases, &ints(&scalars)), expected, "scalars {value}");
		}
	}

	/// More bases than fit beside the sign bit are summed in parts (here with a limit of 7).
	#[test]
	fn long_inputs_are_summed_in_parts() {
		let mut rng = StdRng::seed_from_u64(6);
		let (bases, scalars) = inputs::<G1Projective>(50, &mut rng);
		let expected = G1Projective::msm(&bases, &scalars).unwrap();
		assert_eq!(msm_in_parts(&bases, &ints(&scalars), 7), expected);
	}

	/// Every digit lies in (-2^(c-1), 2^(c-1)] and the digits add up to the scalar, with
	/// spare windows and with exactly as many as [`Window::for_scalars`] gives the scalar
	/// (its last window then takes a carry into a digit of 2^(c-1): 7 in 2-bit windows).
	#[test]
	fn digits_recompose_the_scalar() {
		let mut rng = StdRng::seed_from_u64(4);
		let minus_one = -Fr::from(1u64);
		for bits in WINDOWS {
			let top = Fr::from((1u64 << (bits + 1)) - 1);
			for scalar in [Fr::rand(&mut rng), minus_one, Fr::from(u64::MAX), Fr::from(7u64), top] {
				let int = scalar.into_bigint();
				let fitted = (int.num_bits() as usize + 1).div_ceil(bits);
				for count in [fitted, 255usize.div_ceil(bits)] {
					let window = Window { bits, count };
					let radix = Fr::from(1u64 << bits);
					let mut sum = Fr::zero();
					for digit in window.digits(int.as_ref()).collect::<Vec<_>>().into_iter().rev() {
						assert!(digit.unsigned_abs() <= 1 << (bits - 1), "{digit}, {window:?}");
						let magnitude = Fr::from(digit.unsigned_abs());
						sum = sum * radix + if digit < 0 { -magnitude } else { magnitude };
					}
					assert_eq!(sum, scalar, "{window:?}");
				}
			}
		}
	}

	/// Bits and small values get small windows; full-size values large ones; all zero, none.
	#[test]
	fn the_window_fits_the_scalars() {
		let bits = ints(&vec![Fr::from(1u64); 12_000]);
		let full = ints(
			&(0..12_000).map(|i| Fr::from(i as u64) - Fr::from(1u64 << 40)).collect::<Vec<_>>(),
		);
		let small = Window::for_scalars(&bits).unwrap();
		let large = Window::for_scalars(&full).unwrap();
		assert_eq!(small.count, 1);
		assert!(large.bits >= 8 && large.count * large.bits >= 255, "{large:?}");
		assert_eq!(Window::for_scalars(&ints(&[Fr::zero(); 4])), None);
	}
}
