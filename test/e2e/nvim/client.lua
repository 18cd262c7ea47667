-- Headless Neovim 0.7 as a real LSP client of `node dist/server.js --stdio` (no plugins, no lspconfig).
-- Run by nvim.test.ts inside pcall (an error must fail the test, not hang nvim). Prints one line per fact:
--   DIAG <file> <languageId> <line> <col> <severity> <source> <code> <docs url>
--   ACTION <title> / TEXT <line>      the code action applied and the buffer afterwards
--   CONFIG <partnerType> <severity of no-cpv-app-only, or none>
local function log(...) io.stdout:write(table.concat(vim.tbl_map(tostring, { ... }), ' ') .. '\n') end
local function env(name) return assert(os.getenv(name), name .. ' is not set') end

local ws = env('PAL_WS')
local files = vim.split(env('PAL_FILES'), ',', { trimempty = true })
vim.cmd('filetype on') -- Neovim's own detection gives the languageId: ps1, cs, sh (.env), xml (web.config)...

local settings = { partnerAuthLint = vim.empty_dict() }
local client_id = vim.lsp.start_client({
  name = 'partner-auth-lint',
  cmd = { env('PAL_NODE'), env('PAL_SERVER'), '--stdio' },
  root_dir = ws,
  workspace_folders = { { uri = vim.uri_from_fname(ws), name = 'ws' } },
  settings = settings,
})
assert(client_id, 'start_client returned nil')

local function wait(ms, what, cond)
  if not vim.wait(ms, cond, 20) then error('timed out waiting for ' .. what, 0) end
end

local function ours(bufnr)
  return vim.tbl_filter(function(d) return d.source == 'partner-auth-lint' end, vim.diagnostic.get(bufnr))
end
local function code_of(d) return d.user_data and d.user_data.lsp and d.user_data.lsp.code end

local buffers = {}
for _, name in ipairs(files) do
  vim.cmd('edit ' .. vim.fn.fnameescape(ws .. '/' .. name))
  local bufnr = vim.api.nvim_get_current_buf()
  buffers[name] = bufnr
  vim.lsp.buf_attach_client(bufnr, client_id)
  wait(20000, 'diagnostics of ' .. name, function() return #ours(bufnr) > 0 end)
  for _, d in ipairs(ours(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    log('DIAG', name, vim.bo[bufnr].filetype, d.lnum + 1, d.col + 1, d.severity, d.source, code_of(d), lsp.codeDescription and lsp.codeDescription.href)
  end
end
local client = assert(vim.lsp.get_client_by_id(client_id), 'the client stopped')

-- A code action: "Disable no-ropc for this line" on the C# finding, applied to the buffer.
local cs = assert(buffers['PartnerAuth.cs'], 'PartnerAuth.cs must be in PAL_FILES')
local ropc = vim.tbl_filter(function(d) return code_of(d) == 'no-ropc' end, ours(cs))[1]
assert(ropc, 'a no-ropc finding in PartnerAuth.cs')
local params = {
  textDocument = { uri = vim.uri_from_bufnr(cs) },
  range = { start = { line = ropc.lnum, character = ropc.col }, ['end'] = { line = ropc.end_lnum, character = ropc.end_col } },
  context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(cs, ropc.lnum) },
}
local results = vim.lsp.buf_request_sync(cs, 'textDocument/codeAction', params, 10000)
assert(results, 'no answer to textDocument/codeAction')
local chosen
for _, res in pairs(results) do
  if res.err then error('codeAction error: ' .. vim.inspect(res.err), 0) end
  for _, action in ipairs(res.result or {}) do
    log('OFFERED', action.title)
    if action.title == 'Disable no-ropc for this line' then chosen = action end
  end
end
assert(chosen and chosen.edit, 'the disable-line action with an edit')
vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
log('ACTION', chosen.title)
for _, line in ipairs(vim.api.nvim_buf_get_lines(cs, 0, -1, false)) do log('TEXT', line) end
wait(10000, 'the no-ropc finding to go away after the edit', function()
  return #vim.tbl_filter(function(d) return code_of(d) == 'no-ropc' end, ours(cs)) == 0
end)
log('SILENCED no-ropc')

-- A configuration change: partnerType weighs no-cpv-app-only (unknown: warning, cpv: error, csp: off).
local ps = assert(buffers['signin.ps1'], 'signin.ps1 must be in PAL_FILES')
local function cpv_severity()
  local d = vim.tbl_filter(function(x) return code_of(x) == 'no-cpv-app-only' end, ours(ps))[1]
  return d and d.severity or 'none'
end
log('CONFIG', 'default', cpv_severity())
for _, step in ipairs({ { 'cpv', vim.diagnostic.severity.ERROR }, { 'csp', 'none' } }) do
  client.config.settings = { partnerAuthLint = { partnerType = step[1] } }
  client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
  wait(10000, 'no-cpv-app-only at ' .. tostring(step[2]) .. ' for partnerType ' .. step[1], function() return cpv_severity() == step[2] end)
  log('CONFIG', step[1], cpv_severity())
end

vim.lsp.stop_client(client_id)
wait(5000, 'the server to stop', function() return vim.lsp.get_client_by_id(client_id) == nil end)
log('DONE')
vim.cmd('qall!')
