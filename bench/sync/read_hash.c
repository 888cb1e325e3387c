/* The read() floor for `dumpdist verify`: sha1 + sha256 of every file through read() into a
 * reused buffer (OpenSSL's EVP digests, as .NET uses them), the files shared out over WORKERS
 * threads of one process as dumpdist shares them, with nothing else: no runtime start-up, no
 * state, no planning. What any read()-based verifier can reach on this machine.
 *
 * build: cc -O2 -pthread -o read_hash read_hash.c -lcrypto
 * usage: read_hash WORKERS FILE...   (prints nothing; exit 1 on a read error) */
#include <fcntl.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define CHUNK (1 << 19)

static char **paths;
static int count, workers, failed;

static void *work(void *arg)
{
    long first = (long)arg;
    unsigned char *buffer = malloc(CHUNK), digest[EVP_MAX_MD_SIZE];
    EVP_MD_CTX *sha1 = EVP_MD_CTX_new(), *sha256 = EVP_MD_CTX_new();
    for (int i = (int)first; i < count; i += workers) {
        int fd = open(paths[i], O_RDONLY);
        if (fd < 0) { perror(paths[i]); failed = 1; continue; }
        EVP_DigestInit_ex(sha1, EVP_sha1(), NULL);
        EVP_DigestInit_ex(sha256, EVP_sha256(), NULL);
        ssize_t n;
        while ((n = read(fd, buffer, CHUNK)) > 0) {
            EVP_DigestUpdate(sha256, buffer, (size_t)n);
            EVP_DigestUpdate(sha1, buffer, (size_t)n);
        }
        if (n < 0) { perror(paths[i]); failed = 1; }
        EVP_DigestFinal_ex(sha1, digest, NULL);
        EVP_DigestFinal_ex(sha256, digest, NULL);
        close(fd);
    }
    EVP_MD_CTX_free(sha1);
    EVP_MD_CTX_free(sha256);
    free(buffer);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 3) { fprintf(stderr, "usage: read_hash WORKERS FILE...\n"); return 2; }
    workers = atoi(argv[1]);
    paths = argv + 2;
    count = argc - 2;
    pthread_t threads[256];
    if (workers < 1 || workers > 256) { fprintf(stderr, "read_hash: WORKERS must be 1 to 256\n"); return 2; }
    for (long w = 0; w < workers; w++) pthread_create(&threads[w], NULL, work, (void *)w);
    for (int w = 0; w < workers; w++) pthread_join(threads[w], NULL);
    return failed;
}
