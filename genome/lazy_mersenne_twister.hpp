#pragma once
// MT19937-64 that seeds and twists its first block only as far as the draws reach, giving
// exactly the numbers of boost::random::mt19937_64 seeded with the same value.
//
// Why: a run derives one stream per (generation, genome, purpose), and most streams draw a
// few dozen numbers. A Mersenne Twister seeded the usual way first computes all 312 words of
// the seeding chain, then twists all 312 before its first output: on XOR that was about a
// sixth of a whole run. Draw k (k < 156) of the first block reads only the seeding chain's
// words k, k + 1 and k + 156, so a stream that draws 20 numbers computes 180 chain words and
// twists 24. From draw 156 on it needs the whole chain; from draw 312 on it twists
// whole blocks like any Mersenne Twister.
//
// Boost's seed() also rewrites the low 31 bits of word 0 (normalize_state); the twist reads
// only word 0's upper bits and then overwrites it, so no output depends on them. Boost's
// guard against an all-zero state cannot fire either: the chain's word 2 is 2 whenever its
// word 1 is 0. tests/test_lazy_mersenne_twister.cpp holds this engine to Boost's draw for
// draw over 208 seeds and four blocks, and its copies at every turning point.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace convneat {

class LazyMersenneTwister64 {
 public:
  using result_type = std::uint64_t;
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~result_type{0}; }

  explicit LazyMersenneTwister64(result_type seed) { words_[0] = seed; }

  // Copies only the words computed so far: a stream copied before its first draw copies
  // 8 bytes, not 2.5 KB.
  LazyMersenneTwister64(const LazyMersenneTwister64& other) { copy_from(other); }
  LazyMersenneTwister64& operator=(const LazyMersenneTwister64& other) {
    if (this != &other) copy_from(other);
    return *this;
  }

  // The common path is Boost's: one comparison, then tempering. Only the first block's draws
  // and the end of each block take the other.
  result_type operator()() {
    if (next_ == ready_) make_words_ready();
    return temper(words_[next_++]);
  }

  // True until the first draw (or ready_first_draws) has computed anything.
  bool untouched() const { return seeded_ == 1; }

  // Gives each of several untouched engines the state its first draw would give it, their
  // seeding chains computed side by side. One chain is serial (each word waits for the
  // previous word's multiply), so alone it runs at the multiply's latency; `lanes` chains in
  // one loop fill the multiplier's pipeline and cost little more than one.
  template <std::size_t lanes>
  static void ready_first_draws(const std::array<LazyMersenneTwister64*, lanes>& engines) {
    std::array<result_type, lanes> previous;
    for (std::size_t lane = 0; lane < lanes; ++lane) previous[lane] = engines[lane]->words_[0];
    for (std::size_t word = 1; word < first_draw_chain; ++word)
      for (std::size_t lane = 0; lane < lanes; ++lane) {
        previous[lane] = chain_word(previous[lane], word);
        engines[lane]->words_[word] = previous[lane];
      }
    for (LazyMersenneTwister64* engine : engines) {
      engine->seeded_ = first_draw_chain;
      engine->make_words_ready();
    }
  }

 private:
  static constexpr std::size_t n = 312;  // words of state
  static constexpr std::size_t m = 156;  // the twist's middle distance
  static constexpr result_type upper_mask = ~result_type{0} << 31;
  static constexpr result_type lower_mask = ~upper_mask;
  static constexpr result_type twist_matrix = 0xb5026f5aa96619e9ULL;
  static constexpr result_type seeding_multiplier = 6364136223846793005ULL;
  // The first block is twisted this many words at a time; so the first draw twists words
  // 0..7, which read the seeding chain's words 0..8 and m..m + 7.
  static constexpr std::size_t twist_step = 8;
  static constexpr std::size_t first_draw_chain = twist_step + m;  // chain words the first draw needs

  // The recurrence's new value for word j from the word `distant` and words j and j + 1.
  static result_type twisted(result_type distant, result_type word, result_type next_word) {
    const result_type y = (word & upper_mask) | (next_word & lower_mask);
    return distant ^ (y >> 1) ^ ((next_word & 1) * twist_matrix);
  }

  static result_type temper(result_type z) {
    z ^= (z >> 29) & 0x5555555555555555ULL;
    z ^= (z << 17) & 0x71d67fffeda60000ULL;
    z ^= (z << 37) & 0xfff7eee000000000ULL;
    return z ^ (z >> 43);
  }

  // The seeding chain's word `word` from the word before it.
  static result_type chain_word(result_type previous, std::size_t word) {
    return seeding_multiplier * (previous ^ (previous >> 62)) + word;
  }

  // Extends the seeding chain so that words 0..last hold their seeded values. The chain is
  // serial, so its speed is its latency: the previous word and the count stay in registers
  // (the words are the same type as the count, so through members every step would wait for a
  // store and a reload).
  void seed_through(std::size_t last) {
    std::size_t word = seeded_;
    result_type previous = words_[word - 1];
    for (; word <= last; ++word) {
      previous = chain_word(previous, word);
      words_[word] = previous;
    }
    seeded_ = word;
  }

  // At the end of a block, the next block. In the first block, the next words, twisted in the
  // order the full twist computes them (so every word read holds what the full twist would see
  // there): eight at a time, which spares a call per draw for at most seven chain words more.
  void make_words_ready() {
    if (next_ == n) {
      twist_block();
      next_ = 0;
      return;
    }
    const std::size_t first = next_;
    if (first < n - m) {
      const std::size_t end = std::min(n - m, first + twist_step);
      seed_through(end - 1 + m);
      twist_first_half(first, end);
      ready_ = end;
      return;
    }
    seed_through(n - 1);
    twist_second_half(first);
    ready_ = n;  // and there it stays
  }

  void twist_block() {
    twist_first_half(0, n - m);
    twist_second_half(n - m);
  }

  // Words [first, end) of the first n - m, which read the untwisted words m ahead.
  void twist_first_half(std::size_t first, std::size_t end) {
    for (std::size_t j = first; j < end; ++j) words_[j] = twisted(words_[j + m], words_[j], words_[j + 1]);
  }

  // Words first..n-1 of the rest, which read the words twisted n - m before; the last wraps
  // round to the new word 0.
  void twist_second_half(std::size_t first) {
    for (std::size_t j = first; j < n - 1; ++j) words_[j] = twisted(words_[j - (n - m)], words_[j], words_[j + 1]);
    words_[n - 1] = twisted(words_[m - 1], words_[n - 1], words_[0]);
  }

  void copy_from(const LazyMersenneTwister64& other) {
    std::memcpy(words_.data(), other.words_.data(), other.seeded_ * sizeof(result_type));
    seeded_ = other.seeded_;
    next_ = other.next_;
    ready_ = other.ready_;
  }

  // Words [0, seeded_) hold values; the rest are not yet computed and never read.
  std::array<result_type, n> words_;
  std::size_t seeded_ = 1;
  std::size_t next_ = 0;   // the word the next draw tempers
  std::size_t ready_ = 0;  // words [0, ready_) of this block are twisted: n after the first
};

}  // namespace convneat
