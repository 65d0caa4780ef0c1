export const CHAT_PAGE = '<!doctype html><title>融合助手</title><p>loading</p>'
