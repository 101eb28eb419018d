//! The full ethash DAG of one epoch, for mining.
//!
//! At epoch 0 it holds 1 GiB. Building it costs about as much as a few million
//! light hashes; it is built once per epoch on all cores, logging its progress.

use std::{
	sync::{
		atomic::{AtomicU64, Ordering},
		Arc,
	},
	time::Instant,
};

use rayon::prelude::*;

use crate::{
	ethash::{Item1024, Item2048, LightCache, WORDS_1024},
	progpow::{hash_with, DagSource, PowOutput, Program},
	H256,
};

/// Items per unit of work, and between two progress updates.
const CHUNK_ITEMS: usize = 1 << 14;

/// The full DAG of one epoch, kept beside the light cache it was built from.
pub struct FullDag {
	light: Arc<LightCache>,
	items: Vec<Item1024>,
}

impl FullDag {
	/// Builds the full DAG from `light` on the current rayon pool, logging progress
	/// at info level every 10 %.
	pub fn build(light: Arc<LightCache>) -> Self {
		let total = light.dataset_items() as usize;
		let epoch = light.epoch();
		log::info!(
			target: "progpow",
			"⛏  Building the full DAG of epoch {epoch} ({} MiB) on {} threads",
			total * 128 >> 20,
			rayon::current_num_threads(),
		);
		let started = Instant::now();
		let done = AtomicU64::new(0);
		let mut items = vec![[0u32; WORDS_1024]; total];
		items.par_chunks_mut(CHUNK_ITEMS).enumerate().for_each(|(chunk_index, chunk)| {
			let first = chunk_index * CHUNK_ITEMS;
			for (offset, item) in chunk.iter_mut().enumerate() {
				*item = light.dataset_item_1024((first + offset) as u32);
			}
			let before = done.fetch_add(chunk.len() as u64, Ordering::Relaxed);
			let after = before + chunk.len() as u64;
			let total = total as u64;
			if after * 10 / total != before * 10 / total {
				log::info!(
					target: "progpow",
					"⛏  DAG of epoch {epoch}: {}% ({:.0?} elapsed)",
					after * 100 / total,
					started.elapsed(),
				);
			}
		});
		log::info!(target: "progpow", "⛏  DAG of epoch {epoch} ready in {:.1?}", started.elapsed());
		Self { light, items }
	}

	/// The light cache this DAG was built from.
	pub fn light(&self) -> &Arc<LightCache> {
		&self.light
	}

	/// The epoch of this DAG.
	pub fn epoch(&self) -> u64 {
		self.light.epoch()
	}

	/// The ProgPoW hash of a header, reading from the full DAG.
	pub fn hash(&self, program: &Program, header_hash: &H256, nonce: u64) -> PowOutput {
		hash_with(self, program, header_hash, nonce)
	}
}

impl DagSource for FullDag {
	fn items_2048(&self) -> u32 {
		(self.items.len() / 2) as u32
	}

	fn item_2048(&self, index: u32) -> Item2048 {
		let first = index as usize * 2;
		let mut out = [0u32; 64];
		out[..WORDS_1024].copy_from_slice(&self.items[first]);
		out[WORDS_1024..].copy_from_slice(&self.items[first + 1]);
		out
	}

	fn cdag(&self) -> &[u32] {
		self.light.cdag()
	}
}
