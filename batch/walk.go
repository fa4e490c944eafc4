package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/cnbudget/cnbudget/extract/source"
)

// expand returns the inputs that paths name: each path as given if it exists, else the
// files its glob pattern matches. A path that is neither is an error, so that a typo
// fails at once rather than after an hour of work on the other paths.
func expand(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		if _, err := os.Lstat(p); err == nil {
			out = append(out, p)
			continue
		}
		matches, err := filepath.Glob(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		if len(matches) == 0 {
			return nil, fmt.Errorf("%s: no such file or folder", p)
		}
		out = append(out, matches...)
	}
	return out, nil
}

// walk calls fn with every regular file under inputs (files and folders, folders
// recursively in lexical order), skipping hidden names (a leading dot) found inside
// folders and the files skip reports. It stops when fn returns false. Files it cannot
// list are passed to fn too, whose read then reports why.
func walk(inputs []string, skip func(path string) bool, fn func(path string) bool) error {
	errStop := errors.New("stop")
	for _, in := range inputs {
		err := filepath.WalkDir(in, func(path string, d fs.DirEntry, err error) error {
			if path != in && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if err != nil {
				if d != nil && d.IsDir() && path != in {
					// A folder that cannot be read: report it as a file that failed.
					if !fn(path) {
						return errStop
					}
					return filepath.SkipDir
				}
				if path == in {
					return err
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				// Follow links to files, not to folders, which could loop.
				if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
					return nil
				}
			} else if !d.Type().IsRegular() {
				return nil // devices, sockets, pipes
			}
			if skip(path) {
				return nil
			}
			if !fn(path) {
				return errStop
			}
			return nil
		})
		if errors.Is(err, errStop) {
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// knownExt are the extensions of the formats the extractor reads.
var knownExt = map[string]bool{
	".pdf": true, ".docx": true, ".xlsx": true, ".xlsm": true,
	".xls": true, // read to say that legacy workbooks must be saved as .xlsx
	".txt": true, ".text": true,
	".htm": true, ".html": true, ".shtml": true, ".xhtml": true,
}

// supported reports whether a file of this name and content is one the extractor reads:
// a known extension, no extension at all (the extractor decides from the bytes), or any
// other extension whose bytes are PDF, DOCX, XLSX or HTML — saved web pages are often
// named .jsp or .aspx.
func supported(name string, content []byte) bool {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == "" || knownExt[ext] {
		return true
	}
	switch source.Sniff(content, "", "") {
	case source.PDF, source.DOCX, source.XLSX, source.HTML:
		return true
	}
	return false
}
