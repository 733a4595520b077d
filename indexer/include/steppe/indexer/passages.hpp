#pragma once
/// @file
/// Splitting a document into passages: sentences grouped to a target length.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "steppe/common/analyzer.hpp"

namespace steppe {

/// How long passages are, in words (tokens of the analyser).
struct PassageOptions {
    std::size_t min_words = 80;      ///< A paragraph end closes a passage of at least this many.
    std::size_t target_words = 160;  ///< A passage closes at the first sentence end past this.
    std::size_t max_words = 240;     ///< No passage grows past this; longer sentences are cut.

    /// Options for a target length of @p words (min = words/2, max = words*3/2).
    [[nodiscard]] static PassageOptions around(std::size_t words);
    /// The options as a JSON object, for the index metadata.
    [[nodiscard]] std::string to_json() const;
    /// Options read back from to_json()'s text.
    /// @throws Error when @p json is not such an object (min <= target <= max, target >= 2).
    [[nodiscard]] static PassageOptions from_json(std::string_view json);
    friend bool operator==(const PassageOptions&, const PassageOptions&) = default;
};

/// One passage of a document.
struct Passage {
    ByteRange range;              ///< UTF-8 bytes of the passage in the document text.
    std::size_t first_token = 0;  ///< Index of its first token in the document's token list.
    std::size_t token_count = 0;  ///< Number of tokens (words) it holds.
};

/// Groups @p sentences into passages of about `target_words` words: a passage closes at the end
/// of the first sentence that reaches the target, at a paragraph end once it holds `min_words`,
/// and before a sentence that would take it past `max_words`. A sentence longer than
/// `max_words` is cut between words. A short last passage joins the one before it. Every token
/// of @p tokens (sorted by offset, as the analyser returns them) lands in exactly one passage.
/// Byte offsets in @p hard_breaks (sorted; page starts of a PDF, say) always end a passage:
/// no passage spans one.
[[nodiscard]] std::vector<Passage> split_passages(const std::vector<Sentence>& sentences,
                                                  const std::vector<Token>& tokens,
                                                  const PassageOptions& options = {},
                                                  const std::vector<std::size_t>& hard_breaks = {});

}  // namespace steppe
