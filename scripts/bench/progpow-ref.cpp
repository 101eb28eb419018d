// The C++ half of scripts/bench/progpow.sh: ProgPoW light verification and the light cache
// build of epoch 0 by the reference implementation, chfast/ethash v0.5.0 (ProgPoW 0.9.2),
// printed as one JSON object per line, the lines sero-progpow's `light_timings` example prints.
// The script compiles it with the reference's lib/ sources; see there for the flags.
//
// Options: --builds N --batches B --hashes M --items K --block H --check-nonce X

#include <ethash/ethash.hpp>
#include <ethash/progpow.hpp>

// ethash::calculate_dataset_item_2048, declared in the reference's lib/ (needs -I<src>/lib).
#include "ethash/ethash-internal.hpp"

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace
{
using clock_type = std::chrono::steady_clock;

// Results are folded into this, so the compiler cannot drop the work timed.
volatile uint64_t sink = 0;

double ms_since(clock_type::time_point start)
{
    return std::chrono::duration<double, std::milli>(clock_type::now() - start).count();
}

std::string hex(const uint8_t* bytes, size_t size)
{
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (size_t i = 0; i < size; ++i)
    {
        out.push_back(digits[bytes[i] >> 4]);
        out.push_back(digits[bytes[i] & 0xf]);
    }
    return out;
}

// One timed figure: the median of `samples` (milliseconds per `per`), with the extremes.
void emit(const char* what, std::vector<double> samples, const char* per)
{
    std::sort(samples.begin(), samples.end());
    const size_t n = samples.size();
    const double median = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
    std::printf("{\"impl\":\"cpp\",\"what\":\"%s\",\"ms\":%.6f,\"min_ms\":%.6f,\"max_ms\":%.6f,"
                "\"samples\":%zu,\"per\":\"%s\"}\n",
        what, median, samples.front(), samples.back(), n, per);
}

long option(int argc, char** argv, const char* name, long fallback)
{
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], name) == 0)
            return std::strtol(argv[i + 1], nullptr, 10);
    return fallback;
}

// The published ProgPoW 0.9.2 vector: block 0, a zero header hash, nonce 0.
const char* const vector_mix = "faeb1be51075b03a4ff44b335067951ead07a3b078539ace76fd56fc410557a3";
const char* const vector_final = "63155f732f2bf556967f906155b510c917e48e99685ead76ea83f4eca03ab12b";
}  // namespace

int main(int argc, char** argv)
{
    const long builds = option(argc, argv, "--builds", 5);
    const long batches = option(argc, argv, "--batches", 15);
    const long hashes = option(argc, argv, "--hashes", 20);
    const long items = option(argc, argv, "--items", 2000);
    const int block = static_cast<int>(option(argc, argv, "--block", 1));
    const uint64_t check_nonce = static_cast<uint64_t>(option(argc, argv, "--check-nonce", 7));
    if (builds < 1 || batches < 1 || hashes < 1 || items < 1 || block < 0 ||
        ethash::get_epoch_number(block) != 0)
    {
        std::fprintf(stderr, "bad options (counts are at least 1; the block must lie in epoch 0)\n");
        return 2;
    }

    const ethash::epoch_context_ptr context = ethash::create_epoch_context(0);
    if (!context)
        return 3;

    {
        const ethash::hash256 zero = {};
        const ethash::result r = progpow::hash(*context, 0, zero, 0);
        const std::string mix = hex(r.mix_hash.bytes, sizeof r.mix_hash.bytes);
        const std::string fin = hex(r.final_hash.bytes, sizeof r.final_hash.bytes);
        const bool ok = mix == vector_mix && fin == vector_final;
        std::printf("{\"impl\":\"cpp\",\"what\":\"vector\",\"ok\":%s,\"mix_hash\":\"%s\","
                    "\"final_hash\":\"%s\"}\n",
            ok ? "true" : "false", mix.c_str(), fin.c_str());
        if (!ok)
            return 1;
    }

    // The cross-check: the same (block, header, nonce) as the Rust side.
    ethash::hash256 header;
    std::memset(header.bytes, 0x5a, sizeof header.bytes);
    {
        const ethash::result r = progpow::hash(*context, block, header, check_nonce);
        std::printf("{\"impl\":\"cpp\",\"what\":\"check\",\"block\":%d,\"nonce\":%" PRIu64
                    ",\"mix_hash\":\"%s\",\"final_hash\":\"%s\"}\n",
            block, check_nonce, hex(r.mix_hash.bytes, sizeof r.mix_hash.bytes).c_str(),
            hex(r.final_hash.bytes, sizeof r.final_hash.bytes).c_str());
    }

    // Light verification with a warm cache, a new nonce each time; one batch to warm up.
    {
        uint64_t nonce = 1;
        uint64_t folded = 0;
        for (long i = 0; i < hashes; ++i)
            folded ^= progpow::hash(*context, block, header, nonce++).final_hash.word64s[0];
        std::vector<double> per_hash;
        for (long b = 0; b < batches; ++b)
        {
            const auto start = clock_type::now();
            for (long i = 0; i < hashes; ++i)
                folded ^= progpow::hash(*context, block, header, nonce++).final_hash.word64s[0];
            per_hash.push_back(ms_since(start) / static_cast<double>(hashes));
        }
        sink = sink ^ folded;
        emit("light_hash", per_hash, "hash");
    }

    // One 2048-bit DAG load from the light cache (four chains of 256 parents), at the same
    // pseudo-random indexes as the Rust side.
    {
        const uint32_t loads = static_cast<uint32_t>(context->full_dataset_num_items) / 2;
        uint64_t folded = 0;
        std::vector<double> per_item;
        for (uint32_t rep = 0; rep < 5; ++rep)
        {
            const auto start = clock_type::now();
            for (uint32_t k = 0; k < static_cast<uint32_t>(items); ++k)
            {
                const uint32_t index =
                    ((k + rep * static_cast<uint32_t>(items)) * 2654435761u) % loads;
                folded ^= ethash::calculate_dataset_item_2048(*context, index).word64s[0];
            }
            per_item.push_back(ms_since(start) / static_cast<double>(items));
        }
        sink = sink ^ folded;
        emit("item_2048", per_item, "item");
    }

    // The epoch context of epoch 0: the light cache and the ProgPoW L1 cache (cDag), as
    // sero-progpow's LightCache::new builds them; freed outside the timing.
    {
        std::vector<double> per_build;
        for (long i = 0; i < builds; ++i)
        {
            const auto start = clock_type::now();
            ethash::epoch_context_ptr built = ethash::create_epoch_context(0);
            per_build.push_back(ms_since(start));
            if (!built)
                return 3;
            sink = sink ^ built->light_cache[0].word64s[0];
        }
        emit("light_cache_build", per_build, "build");
    }
    return 0;
}
