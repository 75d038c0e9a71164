// SPDX-License-Identifier: MIT
// nebengjek-server: everything lives in the gateway library (serverMain), so tests can run the
// same code in-process.
#include <gateway/servermain.h>

int main(int argc, char **argv)
{
    return NebengJek::Server::serverMain(argc, argv);
}
