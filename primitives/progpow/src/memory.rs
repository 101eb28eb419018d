//! Memory for the light cache, on 2 MiB pages where the system offers them.
//!
//! Each DAG item a verifier computes reads 256 random 64-byte items of the ≈ 16 MiB light
//! cache, one after another. On 4 KiB pages the cache spans 4,096 pages, more than a core's
//! TLB covers, so most reads also walk the page tables (in a VM, both the guest's and the
//! host's). On 2 MiB pages it is 8 pages. Linux backs an anonymous mapping with
//! transparent huge pages when asked (`madvise(MADV_HUGEPAGE)`, honoured unless THP is
//! `never`); elsewhere, or when mapping fails, the items live on the heap as before.
//! Measured in docs/BENCHMARKS.md (`scripts/bench/progpow.sh`).

use memmap2::MmapMut;
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout};

use crate::ethash::Item512;

/// The size of a transparent huge page on x86-64 and most arm64 kernels.
const HUGE_PAGE: usize = 2 << 20;

/// One 64-byte light-cache item, aligned to a cache line: each of the 256 parent reads
/// of a DAG item is then one line from memory, not two.
#[derive(Clone, Copy, FromBytes, IntoBytes, KnownLayout, Immutable)]
#[repr(C, align(64))]
pub(crate) struct CacheItem(pub Item512);

/// `len` light-cache items, zeroed, in huge-page-backed memory if possible.
pub(crate) struct CacheMemory {
	backing: Backing,
	len: usize,
}

enum Backing {
	/// An anonymous mapping; the items start at `start`, the first 2 MiB boundary in it.
	Mapped {
		map: MmapMut,
		start: usize,
	},
	Heap(Vec<CacheItem>),
}

impl CacheMemory {
	/// `len` zeroed items.
	pub fn zeroed(len: usize) -> Self {
		let bytes = len * size_of::<CacheItem>();
		let backing = match MmapMut::map_anon(bytes + HUGE_PAGE) {
			Ok(map) => {
				let start = (HUGE_PAGE - map.as_ptr() as usize % HUGE_PAGE) % HUGE_PAGE;
				#[cfg(target_os = "linux")]
				if let Err(e) = map.advise_range(memmap2::Advice::HugePage, start, bytes) {
					log::debug!(target: "progpow", "No huge pages for the light cache: {e}");
				}
				Backing::Mapped { map, start }
			},
			Err(e) => {
				log::debug!(target: "progpow", "The light cache on the heap: mapping failed: {e}");
				Backing::Heap(vec![CacheItem([0; 16]); len])
			},
		};
		Self { backing, len }
	}

	/// The items.
	pub fn items(&self) -> &[CacheItem] {
		match &self.backing {
			Backing::Mapped { map, start } => {
				let bytes = &map[*start..*start + self.len * size_of::<CacheItem>()];
				<[CacheItem]>::ref_from_bytes(bytes)
					.expect("a mapping starts on a page boundary, so `start` is 64-aligned")
			},
			Backing::Heap(items) => items,
		}
	}

	/// The items, to write.
	pub fn items_mut(&mut self) -> &mut [CacheItem] {
		match &mut self.backing {
			Backing::Mapped { map, start } => {
				let bytes = &mut map[*start..*start + self.len * size_of::<CacheItem>()];
				<[CacheItem]>::mut_from_bytes(bytes)
					.expect("a mapping starts on a page boundary, so `start` is 64-aligned")
			},
			Backing::Heap(items) => items,
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_memory_is_zeroed_aligned_and_writable() {
		let mut memory = CacheMemory::zeroed(100_000);
		assert_eq!(memory.items().len(), 100_000);
		assert!(memory.items().iter().all(|item| item.0 == [0; 16]));
		assert_eq!(memory.items().as_ptr() as usize % 64, 0);
		memory.items_mut()[99_999].0[15] = 7;
		assert_eq!(memory.items()[99_999].0[15], 7);
	}
}
