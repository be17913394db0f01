import { createContext, useContext } from "react";

// Set by entry.server for the server render; browsers hide nonce attributes, so "" on the client is correct.
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
