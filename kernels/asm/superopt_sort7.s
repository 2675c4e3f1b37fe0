# superopt::kernels: sort7 (network ships: human benchmark / find = 1.000 in p5 latency)
# made by: superopt network --n 7 --symbol superopt_sort7
# chosen by: bash scripts/find_kernels.sh 90 sort7 (superopt search --task sort7 --objective latency --profile x86 --seconds 90 --seed 1 --threads 2 --symbol superopt_sort7, then superopt bench --task sort7 found.s --seconds 20)
	.text
	.globl	superopt_sort7
	.type	superopt_sort7, @function
	.p2align 6
superopt_sort7:
	mov (%rdi), %eax
	mov 4(%rdi), %ecx
	mov 8(%rdi), %edx
	mov 12(%rdi), %esi
	mov 16(%rdi), %r8d
	mov 20(%rdi), %r9d
	mov 24(%rdi), %r10d
	mov %eax, %r11d
	cmp %r10d, %eax
	cmovg %r10d, %eax
	cmovg %r11d, %r10d
	mov %edx, %r11d
	cmp %esi, %edx
	cmovg %esi, %edx
	cmovg %r11d, %esi
	mov %r8d, %r11d
	cmp %r9d, %r8d
	cmovg %r9d, %r8d
	cmovg %r11d, %r9d
	mov %eax, %r11d
	cmp %edx, %eax
	cmovg %edx, %eax
	cmovg %r11d, %edx
	mov %ecx, %r11d
	cmp %r8d, %ecx
	cmovg %r8d, %ecx
	cmovg %r11d, %r8d
	mov %esi, %r11d
	cmp %r10d, %esi
	cmovg %r10d, %esi
	cmovg %r11d, %r10d
	mov %eax, %r11d
	cmp %ecx, %eax
	cmovg %ecx, %eax
	cmovg %r11d, %ecx
	mov %edx, %r11d
	cmp %r9d, %edx
	cmovg %r9d, %edx
	cmovg %r11d, %r9d
	mov %esi, %r11d
	cmp %r8d, %esi
	cmovg %r8d, %esi
	cmovg %r11d, %r8d
	mov %ecx, %r11d
	cmp %edx, %ecx
	cmovg %edx, %ecx
	cmovg %r11d, %edx
	mov %r8d, %r11d
	cmp %r10d, %r8d
	cmovg %r10d, %r8d
	cmovg %r11d, %r10d
	mov %edx, %r11d
	cmp %esi, %edx
	cmovg %esi, %edx
	cmovg %r11d, %esi
	mov %r8d, %r11d
	cmp %r9d, %r8d
	cmovg %r9d, %r8d
	cmovg %r11d, %r9d
	mov %ecx, %r11d
	cmp %edx, %ecx
	cmovg %edx, %ecx
	cmovg %r11d, %edx
	mov %esi, %r11d
	cmp %r8d, %esi
	cmovg %r8d, %esi
	cmovg %r11d, %r8d
	mov %r9d, %r11d
	cmp %r10d, %r9d
	cmovg %r10d, %r9d
	cmovg %r11d, %r10d
	mov %eax, (%rdi)
	mov %ecx, 4(%rdi)
	mov %edx, 8(%rdi)
	mov %esi, 12(%rdi)
	mov %r8d, 16(%rdi)
	mov %r9d, 20(%rdi)
	mov %r10d, 24(%rdi)
	ret
	.size	superopt_sort7, .-superopt_sort7
	.section	.note.GNU-stack,"",@progbits
