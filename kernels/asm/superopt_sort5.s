# superopt::kernels: sort5 (network ships: human benchmark / find = 0.980 in p5 latency)
# made by: superopt network --n 5 --symbol superopt_sort5
# chosen by: bash scripts/find_kernels.sh 90 sort5 (superopt search --task sort5 --objective latency --profile x86 --seconds 90 --seed 1 --threads 2 --symbol superopt_sort5, then superopt bench --task sort5 found.s --seconds 20)
	.text
	.globl	superopt_sort5
	.type	superopt_sort5, @function
	.p2align 6
superopt_sort5:
	mov (%rdi), %eax
	mov 4(%rdi), %ecx
	mov 8(%rdi), %edx
	mov 12(%rdi), %esi
	mov 16(%rdi), %r8d
	mov %eax, %r9d
	cmp %esi, %eax
	cmovg %esi, %eax
	cmovg %r9d, %esi
	mov %ecx, %r9d
	cmp %r8d, %ecx
	cmovg %r8d, %ecx
	cmovg %r9d, %r8d
	mov %eax, %r9d
	cmp %edx, %eax
	cmovg %edx, %eax
	cmovg %r9d, %edx
	mov %ecx, %r9d
	cmp %esi, %ecx
	cmovg %esi, %ecx
	cmovg %r9d, %esi
	mov %eax, %r9d
	cmp %ecx, %eax
	cmovg %ecx, %eax
	cmovg %r9d, %ecx
	mov %edx, %r9d
	cmp %r8d, %edx
	cmovg %r8d, %edx
	cmovg %r9d, %r8d
	mov %ecx, %r9d
	cmp %edx, %ecx
	cmovg %edx, %ecx
	cmovg %r9d, %edx
	mov %esi, %r9d
	cmp %r8d, %esi
	cmovg %r8d, %esi
	cmovg %r9d, %r8d
	mov %edx, %r9d
	cmp %esi, %edx
	cmovg %esi, %edx
	cmovg %r9d, %esi
	mov %eax, (%rdi)
	mov %ecx, 4(%rdi)
	mov %edx, 8(%rdi)
	mov %esi, 12(%rdi)
	mov %r8d, 16(%rdi)
	ret
	.size	superopt_sort5, .-superopt_sort5
	.section	.note.GNU-stack,"",@progbits
