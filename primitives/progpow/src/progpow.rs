//! The ProgPoW 0.9.2 hash (SPEC §7; EIP-1057 as of version 0.9.2).
//!
//! Parameters: PERIOD 50, LANES 16, REGS 32, DAG_LOADS 4, CACHE_BYTES 16 KiB,
//! CNT_DAG 64, CNT_CACHE 12, CNT_MATH 20, Keccak-f[800] with 22 rounds.
//!
//! The random program depends only on `height / PERIOD`. Every one of the 64 rounds
//! restarts the program's generator from the same state, so the program is the same
//! sequence of operations in every round: [`Program`] computes it once and the
//! kernel replays it.

use crate::{
	ethash::{Item2048, LightCache, CDAG_WORDS, WORDS_2048},
	fnv::{fnv1a, FNV_OFFSET_BASIS},
	keccak::keccak_f800,
	kiss99::Kiss99,
	H256,
};

/// Blocks during which one random program is used.
pub const PERIOD_LENGTH: u64 = 50;
const LANES: usize = 16;
const REGS: usize = 32;
const DAG_LOADS: usize = 4;
const CNT_DAG: u32 = 64;
const CNT_CACHE: usize = 12;
const CNT_MATH: usize = 20;

/// The result of one ProgPoW hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PowOutput {
	/// The digest of the mix: what a seal carries so that verifiers can check the
	/// final hash cheaply before recomputing the mix.
	pub mix_hash: H256,
	/// The hash compared against the difficulty boundary.
	pub final_hash: H256,
}

/// Where the kernel reads its 2048-bit DAG loads from.
pub trait DagSource {
	/// Number of 2048-bit loads in the DAG.
	fn items_2048(&self) -> u32;
	/// The 2048-bit load at `index`.
	fn item_2048(&self, index: u32) -> Item2048;
	/// The cDag (first 16 KiB of the DAG).
	fn cdag(&self) -> &[u32];
}

impl DagSource for LightCache {
	fn items_2048(&self) -> u32 {
		(self.dataset_items() / 2) as u32
	}

	fn item_2048(&self, index: u32) -> Item2048 {
		self.dataset_item_2048(index)
	}

	fn cdag(&self) -> &[u32] {
		LightCache::cdag(self)
	}
}

/// Keccak-f[800] over header hash, a 64-bit word and a 256-bit digest, as ProgPoW
/// absorbs them (no padding); returns the first 256 bits of the state.
fn keccak_progpow(header_hash: &H256, word: u64, digest: &H256) -> H256 {
	let mut state = [0u32; 25];
	for (i, chunk) in header_hash.chunks_exact(4).enumerate() {
		state[i] = u32::from_le_bytes(chunk.try_into().expect("4 bytes"));
	}
	state[8] = word as u32;
	state[9] = (word >> 32) as u32;
	for (i, chunk) in digest.chunks_exact(4).enumerate() {
		state[10 + i] = u32::from_le_bytes(chunk.try_into().expect("4 bytes"));
	}
	keccak_f800(&mut state);
	let mut out = [0u8; 32];
	for (chunk, word) in out.chunks_exact_mut(4).zip(&state[..8]) {
		chunk.copy_from_slice(&word.to_le_bytes());
	}
	out
}

/// The 64-bit seed of the mix: the first 8 bytes of the absorbed header and nonce,
/// read big-endian.
fn seed_of(header_hash: &H256, nonce: u64) -> u64 {
	let h = keccak_progpow(header_hash, nonce, &[0u8; 32]);
	u64::from_be_bytes(h[..8].try_into().expect("8 bytes"))
}

/// The final hash from header hash, nonce and mix hash: cheap, and enough to check
/// a seal against the difficulty before recomputing its mix.
pub fn final_hash(header_hash: &H256, nonce: u64, mix_hash: &H256) -> H256 {
	keccak_progpow(header_hash, seed_of(header_hash, nonce), mix_hash)
}

#[derive(Clone, Copy, Debug, Default)]
struct CacheOp {
	src: u8,
	dst: u8,
	sel: u32,
}

#[derive(Clone, Copy, Debug, Default)]
struct MathOp {
	src1: u8,
	src2: u8,
	sel_math: u32,
	dst: u8,
	sel_merge: u32,
}

/// The random program of one ProgPoW period.
#[derive(Clone, Debug)]
pub struct Program {
	cache_ops: [CacheOp; CNT_CACHE],
	math_ops: [MathOp; CNT_MATH],
	dag_dsts: [u8; DAG_LOADS],
	dag_sels: [u32; DAG_LOADS],
}

impl Program {
	/// The program used for blocks at `height`.
	pub fn for_height(height: u64) -> Self {
		Self::new(height / PERIOD_LENGTH)
	}

	fn new(prog_seed: u64) -> Self {
		let (lo, hi) = (prog_seed as u32, (prog_seed >> 32) as u32);
		let z = fnv1a(FNV_OFFSET_BASIS, lo);
		let w = fnv1a(z, hi);
		let jsr = fnv1a(w, lo);
		let jcong = fnv1a(jsr, hi);
		let mut rng = Kiss99::new(z, w, jsr, jcong);

		// Fisher–Yates shuffles of the destination and source register sequences.
		let mut dst_seq: [u8; REGS] = core::array::from_fn(|i| i as u8);
		let mut src_seq: [u8; REGS] = core::array::from_fn(|i| i as u8);
		for i in (2..=REGS).rev() {
			dst_seq.swap(i - 1, (rng.next_u32() % i as u32) as usize);
			src_seq.swap(i - 1, (rng.next_u32() % i as u32) as usize);
		}
		let (mut dst_counter, mut src_counter) = (0usize, 0usize);
		let mut next_dst = || {
			let d = dst_seq[dst_counter % REGS];
			dst_counter += 1;
			d
		};
		let mut next_src = || {
			let s = src_seq[src_counter % REGS];
			src_counter += 1;
			s
		};

		let mut cache_ops = [CacheOp::default(); CNT_CACHE];
		let mut math_ops = [MathOp::default(); CNT_MATH];
		for i in 0..CNT_CACHE.max(CNT_MATH) {
			if i < CNT_CACHE {
				let src = next_src();
				let dst = next_dst();
				cache_ops[i] = CacheOp { src, dst, sel: rng.next_u32() };
			}
			if i < CNT_MATH {
				let src_rnd = rng.next_u32() % (REGS * (REGS - 1)) as u32;
				let src1 = (src_rnd % REGS as u32) as u8;
				let mut src2 = (src_rnd / REGS as u32) as u8;
				if src2 >= src1 {
					src2 += 1;
				}
				let sel_math = rng.next_u32();
				let dst = next_dst();
				math_ops[i] = MathOp { src1, src2, sel_math, dst, sel_merge: rng.next_u32() };
			}
		}
		let mut dag_dsts = [0u8; DAG_LOADS];
		let mut dag_sels = [0u32; DAG_LOADS];
		for i in 0..DAG_LOADS {
			dag_dsts[i] = if i == 0 { 0 } else { next_dst() };
			dag_sels[i] = rng.next_u32();
		}
		Self { cache_ops, math_ops, dag_dsts, dag_sels }
	}
}

#[inline(always)]
fn random_math(a: u32, b: u32, selector: u32) -> u32 {
	match selector % 11 {
		0 => a.wrapping_add(b),
		1 => a.wrapping_mul(b),
		2 => ((u64::from(a) * u64::from(b)) >> 32) as u32,
		3 => a.min(b),
		4 => a.rotate_left(b % 32),
		5 => a.rotate_right(b % 32),
		6 => a & b,
		7 => a | b,
		8 => a ^ b,
		9 => a.leading_zeros() + b.leading_zeros(),
		_ => a.count_ones() + b.count_ones(),
	}
}

/// Merges `b` into `a` with operations that keep `a`'s entropy.
#[inline(always)]
fn random_merge(a: &mut u32, b: u32, selector: u32) {
	let x = (selector >> 16) % 31 + 1;
	*a = match selector % 4 {
		0 => a.wrapping_mul(33).wrapping_add(b),
		1 => (*a ^ b).wrapping_mul(33),
		2 => a.rotate_left(x) ^ b,
		_ => a.rotate_right(x) ^ b,
	};
}

type Mix = [[u32; REGS]; LANES];

fn init_mix(seed: u64) -> Mix {
	let z = fnv1a(FNV_OFFSET_BASIS, seed as u32);
	let w = fnv1a(z, (seed >> 32) as u32);
	core::array::from_fn(|lane| {
		let jsr = fnv1a(w, lane as u32);
		let jcong = fnv1a(jsr, lane as u32);
		let mut rng = Kiss99::new(z, w, jsr, jcong);
		core::array::from_fn(|_| rng.next_u32())
	})
}

fn round<D: DagSource + ?Sized>(dag: &D, program: &Program, r: u32, mix: &mut Mix) {
	let item_index = mix[r as usize % LANES][0] % dag.items_2048();
	let item = dag.item_2048(item_index);
	let cdag = dag.cdag();
	debug_assert_eq!(cdag.len(), CDAG_WORDS);

	for i in 0..CNT_CACHE.max(CNT_MATH) {
		if i < CNT_CACHE {
			let op = program.cache_ops[i];
			for lane in mix.iter_mut() {
				let word = cdag[lane[op.src as usize] as usize % CDAG_WORDS];
				random_merge(&mut lane[op.dst as usize], word, op.sel);
			}
		}
		if i < CNT_MATH {
			let op = program.math_ops[i];
			for lane in mix.iter_mut() {
				let data = random_math(lane[op.src1 as usize], lane[op.src2 as usize], op.sel_math);
				random_merge(&mut lane[op.dst as usize], data, op.sel_merge);
			}
		}
	}

	const WORDS_PER_LANE: usize = WORDS_2048 / LANES;
	for (l, lane) in mix.iter_mut().enumerate() {
		let offset = ((l ^ r as usize) % LANES) * WORDS_PER_LANE;
		for i in 0..DAG_LOADS {
			random_merge(
				&mut lane[program.dag_dsts[i] as usize],
				item[offset + i],
				program.dag_sels[i],
			);
		}
	}
}

fn mix_hash<D: DagSource + ?Sized>(dag: &D, program: &Program, seed: u64) -> H256 {
	let mut mix = init_mix(seed);
	for r in 0..CNT_DAG {
		round(dag, program, r, &mut mix);
	}
	let mut digest = [FNV_OFFSET_BASIS; 8];
	for (l, lane) in mix.iter().enumerate() {
		let lane_hash = lane.iter().fold(FNV_OFFSET_BASIS, |h, &word| fnv1a(h, word));
		digest[l % 8] = fnv1a(digest[l % 8], lane_hash);
	}
	let mut out = [0u8; 32];
	for (chunk, word) in out.chunks_exact_mut(4).zip(digest) {
		chunk.copy_from_slice(&word.to_le_bytes());
	}
	out
}

/// The ProgPoW hash of `header_hash` and `nonce` under `program`, reading the DAG
/// from `dag`. The program must be the one for the block's height and the DAG the
/// one of its epoch.
pub fn hash_with<D: DagSource + ?Sized>(
	dag: &D,
	program: &Program,
	header_hash: &H256,
	nonce: u64,
) -> PowOutput {
	let seed = seed_of(header_hash, nonce);
	let mix_hash = mix_hash(dag, program, seed);
	PowOutput { mix_hash, final_hash: keccak_progpow(header_hash, seed, &mix_hash) }
}

impl LightCache {
	/// The ProgPoW hash of a header at `height`, computed from this light cache.
	///
	/// `height` must lie in this cache's epoch.
	pub fn hash(&self, height: u64, header_hash: &H256, nonce: u64) -> PowOutput {
		debug_assert_eq!(crate::epoch_of(height), self.epoch());
		hash_with(self, &Program::for_height(height), header_hash, nonce)
	}
}
