// Sentence boundaries of normalized text, by ICU's sentence BreakIterator
// (which breaks after 。！？ and their ASCII forms, and at line breaks).
#ifndef TIQU_NORMALIZE_SENTENCE_SPLITTER_H_
#define TIQU_NORMALIZE_SENTENCE_SPLITTER_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace tiqu {

// Fills `starts` with the byte offset at which each sentence of `text`
// begins; starts[0] == 0 for non-empty text. Sentence i is
// [starts[i], starts[i+1]) (the last one ends at text.size()).
void SplitSentences(std::string_view text, std::vector<size_t>* starts);

// Index of the sentence holding byte `offset`.
size_t SentenceIndexAt(const std::vector<size_t>& starts, size_t offset);

}  // namespace tiqu

#endif  // TIQU_NORMALIZE_SENTENCE_SPLITTER_H_
