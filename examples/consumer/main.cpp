// Indexes three documents into a fresh index and searches it with the steppe library.
// Usage: consumer INDEX_DIR [QUERY]
#include <iostream>

#include <steppe/indexer/indexer.hpp>
#include <steppe/searcher/render.hpp>
#include <steppe/searcher/searcher.hpp>

int main(int argc, char** argv) try {
    if (argc < 2) {
        std::cerr << "usage: consumer INDEX_DIR [QUERY]\n";
        return 2;
    }
    const std::string index = argv[1];
    const std::string query = argc > 2 ? argv[2] : "rivers";
    {
        steppe::IndexerOptions options;
        options.overwrite = true;
        steppe::Indexer indexer(index, options);
        steppe::Document doc;
        doc.type = "txt";
        for (const auto& [id, title, text] :
             {std::tuple{"steppe", "The steppe", "Grass plains stretch east; rivers cross them."},
              std::tuple{"taiga", "The taiga", "Forests of pine and larch, and cold rivers."},
              std::tuple{"desert", "The desert", "Sand and stone; water is rare."}}) {
            doc.id = doc.path = id;
            doc.title = title;
            doc.text = text;
            indexer.add(doc);
        }
        indexer.commit();  // explicit: the destructor would swallow errors
    }
    steppe::Searcher searcher(index);
    const auto results = searcher.search(query);
    for (const auto& hit : results.hits)
        std::cout << hit.rank << ". " << hit.id << " (" << hit.score
                  << "): " << steppe::render_ansi(hit.snippet, "[", "]") << '\n';
    return results.hits.empty() ? 1 : 0;
} catch (const steppe::Error& e) {
    std::cerr << "consumer: " << e.what() << '\n';
    return 2;
}
