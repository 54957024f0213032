-- gunzip(body) for the wrk scripts, through the machine's zlib (LuaJIT's FFI; wrk is built on LuaJIT):
-- browsers ask for pages gzipped, so the scripts that read a page's form ask for them so too and
-- read the form from the unzipped page. Loaded with dofile.
local ffi = require("ffi")
ffi.cdef[[
typedef struct z_stream_s {
  const unsigned char *next_in; unsigned int avail_in; unsigned long total_in;
  unsigned char *next_out; unsigned int avail_out; unsigned long total_out;
  const char *msg; void *state;
  void *zalloc; void *zfree; void *opaque;
  int data_type; unsigned long adler; unsigned long reserved;
} z_stream;
const char *zlibVersion(void);
int inflateInit2_(z_stream *strm, int windowBits, const char *version, int stream_size);
int inflate(z_stream *strm, int flush);
int inflateEnd(z_stream *strm);
]]
-- "z" is libz.so, which only zlib's development package links; libz.so.1 is on every machine
local found, zlib = pcall(ffi.load, "z")
if not found then zlib = ffi.load("libz.so.1") end
local Z_OK, Z_STREAM_END, Z_NO_FLUSH = 0, 1, 0
local GZIP_WINDOW = 15 + 16  -- a gzip header and trailer around the deflate stream
local chunk_size = 64 * 1024
local chunk = ffi.new("unsigned char[?]", chunk_size)

-- the unzipped body, or nil when it is not a whole gzip stream
function gunzip(body)
  local stream = ffi.new("z_stream")
  if zlib.inflateInit2_(stream, GZIP_WINDOW, zlib.zlibVersion(), ffi.sizeof(stream)) ~= Z_OK then
    return nil
  end
  stream.next_in = body
  stream.avail_in = #body
  local parts = {}
  local status
  repeat
    stream.next_out = chunk
    stream.avail_out = chunk_size
    status = zlib.inflate(stream, Z_NO_FLUSH)
    parts[#parts + 1] = ffi.string(chunk, chunk_size - stream.avail_out)
  until status ~= Z_OK or stream.avail_in == 0 and stream.avail_out ~= 0
  zlib.inflateEnd(stream)
  if status ~= Z_STREAM_END then
    return nil
  end
  return table.concat(parts)
end
